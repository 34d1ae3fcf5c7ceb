"""Which documents make up each stage's pack (no heavy imports: the CLI loads this at start)."""

from __future__ import annotations

from app.models.enums import Stage

# The one table of stage packs, used by this API and by the service (DocumentService).
STAGE_KINDS: dict[Stage, tuple[str, ...]] = {
    Stage.INTAKE: ("mediation_application", "oral_application_record", "acceptance_notice",
                   "rights_notice", "evidence_list", "power_of_attorney", "service_receipt"),
    Stage.NEGOTIATION: ("mediation_application", "rights_notice", "evidence_list"),
    Stage.MEDIATION: ("mediation_record", "rights_notice", "evidence_list",
                      "mediation_failure_notice"),
    Stage.AGREEMENT: ("mediation_agreement", "arbitration_review_application",
                      "judicial_confirmation_application"),
    Stage.ARBITRATION_REVIEW: ("arbitration_review_application", "mediation_agreement",
                               "power_of_attorney"),
    Stage.JUDICIAL_CONFIRMATION: ("judicial_confirmation_application", "mediation_agreement",
                                  "power_of_attorney"),
    Stage.PAYMENT_ORDER: ("payment_order_application", "mediation_agreement", "evidence_list"),
    Stage.ARBITRATION: ("arbitration_application", "evidence_list", "power_of_attorney",
                        "legal_aid_application", "inspection_complaint", "service_receipt"),
    Stage.COURT: ("civil_complaint", "evidence_list", "power_of_attorney"),
    Stage.ENFORCEMENT: ("mediation_agreement",),
    Stage.CLOSED: ("file_cover", "file_index"),
}
