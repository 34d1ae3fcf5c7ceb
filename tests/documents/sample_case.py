"""The sample case the document tests share: it lives in the product (app/documents/sample.py),
where the template editor previews on it."""

from app.documents.sample import (  # noqa: F401
    CLAIMS,
    FACTS,
    HR_MANAGER,
    LAWYER,
    OUTSOURCER,
    OUTSOURCER_CODE,
    PLATFORM,
    PLATFORM_CODE,
    RIDER,
    RIDER_ID,
    SAMPLE_CASE,
    collective_case,
)
