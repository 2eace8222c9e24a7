"""The codes the warehouse stores for categories (their labels: ui/i18n.py LABELS, texts in locale/)."""

__all__ = ["CLASS_SCHEMES", "COMMUNITY_TYPES", "SERVICE_TYPES", "VICTIM_GROUPS", "VIOLENCE_TYPES"]

VIOLENCE_TYPES = ("physical", "psychological", "sexual", "neglect", "other")
VICTIM_GROUPS = ("child", "woman", "man", "elder", "unknown")
SERVICE_TYPES = (
    "safe_space",
    "shelter",
    "oscc",
    "health_centre",
    "hospital",
    "police",
    "social_welfare",
    "ngo",
    "other",
)
# Map classification schemes a viewer may choose (computed by mapclassify in the publish step).
CLASS_SCHEMES = ("quantiles", "natural_breaks", "equal_interval")
# The BMA community register's types (ประเภทชุมชน), in its own Thai words:
# ชุมชนเมือง, ชุมชนแออัด, ชุมชนชานเมือง, ชุมชนอาคารสูง, ชุมชนหมู่บ้านจัดสรร.
COMMUNITY_TYPES = ("urban", "crowded", "suburban", "high_rise", "housing_estate")
