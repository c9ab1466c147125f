"""gkgen's benchmark: a synthetic site of N bodies × Y years, measured step by step (bench.run)."""
