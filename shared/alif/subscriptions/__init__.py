"""Subscriptions as every service sees them: gate a feature on the server.

    from alif.subscriptions import Feature, require_feature

    @router.post("/olympiads/{id}/register",
                 dependencies=[Depends(require_feature(Feature.olimp))])

`main` sells and manages subscriptions; the models here are read-only for other services.
"""

from alif.subscriptions.access import (
    Coverage,
    CoveredAs,
    Entitlement,
    FeatureNotIncluded,
    entitlement_of,
    has_feature,
    require_feature,
)
from alif.subscriptions.features import FEATURE_DESCRIPTIONS, LIVE_FEATURES, Feature, live_only
from alif.subscriptions.models import PlanAudience, Subscription, SubscriptionPlan

__all__ = [
    "FEATURE_DESCRIPTIONS",
    "LIVE_FEATURES",
    "Coverage",
    "CoveredAs",
    "Entitlement",
    "Feature",
    "FeatureNotIncluded",
    "PlanAudience",
    "Subscription",
    "SubscriptionPlan",
    "entitlement_of",
    "has_feature",
    "live_only",
    "require_feature",
]
