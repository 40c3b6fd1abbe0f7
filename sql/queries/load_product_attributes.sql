-- Fills retail.product_attributes (emptied first by the caller) with the rows given (one JSON object per product, keyed by
-- SKU; main/search/attributes-phase.ts merges each product type's terms in) and builds each
-- product's search document: A name, B the words shoppers also say, C description, D material
-- and size. SKUs not in the catalog are ignored. $1 jsonb array of
-- {sku, power_source, setting, material, size, also_say}.
INSERT INTO retail.product_attributes (product_id, power_source, setting, material, size, also_say, search_document)
SELECT p.product_id, r.power_source, r.setting, r.material, r.size, r.also_say,
       setweight(to_tsvector('english', p.product_name), 'A') ||
       setweight(to_tsvector('english', array_to_string(r.also_say, ' ; ')), 'B') ||
       setweight(to_tsvector('english', p.product_description), 'C') ||
       setweight(to_tsvector('english', r.material || ' ' || coalesce(r.size, '')), 'D')
FROM jsonb_to_recordset($1::jsonb) AS r (sku text, power_source text, setting text, material text, size text, also_say text[])
JOIN retail.products p ON p.sku = r.sku
