"""The workflow as use cases: events, stored deadlines, holidays and minimum wages."""
