"""Policy knowledge base and rights check (权益核查): pure rules, no database, no Qt."""
