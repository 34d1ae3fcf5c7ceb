"""Claim calculators (请求金额计算): pure functions, each citing the article it follows."""
