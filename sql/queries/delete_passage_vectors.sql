DELETE FROM retail.product_passage_embeddings WHERE model_id = $1
