DELETE FROM retail.product_description_embeddings WHERE model_id = $1
