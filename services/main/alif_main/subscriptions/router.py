import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, status

from alif.auth import CurrentUser, FreshAdminUser, Role, StaffUser, TokenUser, require_role
from alif.db import SessionDep, utcnow
from alif.dependencies import ClientIP
from alif.errors import error_responses
from alif.kernel.models import Language
from alif.subscriptions import FEATURE_DESCRIPTIONS, LIVE_FEATURES, PlanAudience, entitlement_of
from alif_main.config import MainSettings
from alif_main.dependencies import SettingsDep
from alif_main.family import service as family
from alif_main.subscriptions import service
from alif_main.subscriptions.exceptions import NotASubscriber
from alif_main.subscriptions.models import PromoCode
from alif_main.subscriptions.schemas import (
    ChildCoverage,
    ChosenChildren,
    CoverageRead,
    FeatureRead,
    MySubscription,
    OwnSubscriptionRead,
    PeriodRead,
    PlanCreate,
    PlanRead,
    PlanUpdate,
    PromoCodeCreate,
    PromoCodeRead,
    PromoCodeUpdate,
    PromoRedeem,
)
from alif_main.users import service as users

router = APIRouter(prefix="/subscriptions", tags=["subscriptions"])

# Prices are for the adults who pay; children are never shown an offer.
Buyer = Annotated[
    TokenUser,
    Depends(require_role(Role.parent, Role.organization, Role.teacher, Role.moderator, Role.admin)),
]
Subscriber = Annotated[TokenUser, Depends(require_role(Role.parent, Role.organization))]


async def _language(db: SessionDep, user: TokenUser, asked: Language | None) -> Language:
    return asked or (await users.get_user(db, user.id)).language


async def _children(db: SessionDep, parent_id: uuid.UUID) -> list[ChildCoverage]:
    children = [child.user for child in await family.list_children(db, parent_id)]
    return [
        ChildCoverage(
            child_id=child.id,
            first_name=child.first_name,
            covered=bool((await entitlement_of(db, child.id)).coverages),
        )
        for child in children
    ]


async def _mine(
    db: SessionDep, user: TokenUser, settings: MainSettings, asked: Language | None = None
) -> MySubscription:
    entitlement = await entitlement_of(db, user.id)
    language = await _language(db, user, asked)
    own = None
    trial_available = False
    seats_left = None
    try:
        owner = await service.owner_for(db, user)
    except NotASubscriber:
        owner = None
    if owner is not None:
        subscription = await service.find_subscription(db, owner)
        if subscription is not None:
            periods = await service.periods_of(db, subscription.id)
            plan = await service.get_plan(db, subscription.plan_id)
            if owner.user_id is not None and subscription.is_held(utcnow()):
                seated = len(await family.list_children(db, owner.user_id))
                seats_left = max(0, plan.max_children - seated)
            own = OwnSubscriptionRead(
                plan=PlanRead.model_validate(plan).in_language(language),
                starts_at=subscription.starts_at,
                ends_at=subscription.ends_at,
                is_active=subscription.is_active(utcnow()),
                is_trial=subscription.is_trial,
                trial_used=subscription.trial_used_at is not None,
                periods=[PeriodRead.model_validate(p) for p in periods],
            )
        trial_plan = await service.plan_by_code(db, settings.subscription_trial_plan)
        trial_available = (
            trial_plan is not None
            and trial_plan.is_active
            and trial_plan.audience is owner.audience
            and await service.trial_available(db, owner)
        )
    return MySubscription(
        features=sorted(entitlement.features | settings.free_features),
        coverages=[
            CoverageRead(
                plan_code=c.plan_code,
                plan_name=c.plan_name,
                features=sorted(c.features),
                ends_at=c.ends_at,
                is_trial=c.is_trial,
                covered_as=c.covered_as,
            )
            for c in entitlement.coverages
        ],
        subscription=own,
        trial_available=trial_available,
        trial_days=settings.subscription_trial_days if trial_available else None,
        children=await _children(db, user.id) if user.role is Role.parent else [],
        seats_left=seats_left,
    )


@router.get("/plans", summary="Plans on sale, in the language asked for or the account's")
async def list_plans(
    buyer: Buyer,
    db: SessionDep,
    audience: PlanAudience | None = None,
    language: Language | None = None,
) -> list[PlanRead]:
    chosen = await _language(db, buyer, language)
    plans = await service.list_plans(db, audience=audience)
    return [PlanRead.model_validate(p).in_language(chosen) for p in plans]


@router.get(
    "/me",
    summary="My features, how I have them, and the subscription I manage (its plan in the "
    "language asked for or the account's)",
)
async def my_subscription(
    user: CurrentUser, db: SessionDep, settings: SettingsDep, language: Language | None = None
) -> MySubscription:
    return await _mine(db, user, settings, language)


@router.post(
    "/trial",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(403, 409),
    summary="Start the family's free trial (once per family)",
)
async def start_trial(parent: Subscriber, db: SessionDep, settings: SettingsDep) -> MySubscription:
    owner = await service.owner_for(db, parent)
    await service.start_trial(
        db,
        owner,
        plan_code=settings.subscription_trial_plan,
        days=settings.subscription_trial_days,
        now=utcnow(),
    )
    return await _mine(db, parent, settings)


@router.put(
    "/covered-children",
    responses=error_responses(404, 409, 422),
    summary="Choose which children the family plan covers (a one-child plan: which child)",
)
async def choose_children(
    data: ChosenChildren, parent: Subscriber, db: SessionDep, settings: SettingsDep
) -> MySubscription:
    owner = await service.owner_for(db, parent)
    await service.choose_children(db, owner, data.child_ids, now=utcnow())
    return await _mine(db, parent, settings)


@router.post(
    "/promo/redeem",
    responses=error_responses(403, 404, 409, 422),
    summary="Use a promo code that gives free days",
)
async def redeem_promo(
    data: PromoRedeem, user: Subscriber, db: SessionDep, settings: SettingsDep
) -> MySubscription:
    owner = await service.owner_for(db, user)
    await service.redeem_free_days(db, owner, user_id=user.id, code=data.code, now=utcnow())
    return await _mine(db, user, settings)


@router.get("/admin/features", summary="Staff: the features a plan can include")
async def list_features(staff: StaffUser) -> list[FeatureRead]:
    return [
        FeatureRead(code=f, description=d, live=f in LIVE_FEATURES)
        for f, d in FEATURE_DESCRIPTIONS.items()
    ]


@router.get("/admin/plans", summary="Staff: every plan, on sale or not")
async def all_plans(staff: StaffUser, db: SessionDep) -> list[PlanRead]:
    return [PlanRead.model_validate(p) for p in await service.list_plans(db, active_only=False)]


@router.post(
    "/admin/plans",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(409, 422),
    summary="Admin: create a plan",
)
async def create_plan(
    data: PlanCreate, admin: FreshAdminUser, db: SessionDep, ip_address: ClientIP
) -> PlanRead:
    plan = await service.create_plan(db, data, actor_id=admin.id, ip_address=ip_address)
    return PlanRead.model_validate(plan)


@router.patch(
    "/admin/plans/{plan_id}",
    responses=error_responses(404, 422),
    summary="Admin: change a plan (orders already made keep their price and length)",
)
async def update_plan(
    plan_id: uuid.UUID,
    data: PlanUpdate,
    admin: FreshAdminUser,
    db: SessionDep,
    ip_address: ClientIP,
) -> PlanRead:
    plan = await service.get_plan(db, plan_id)
    updated = await service.update_plan(db, plan, data, actor_id=admin.id, ip_address=ip_address)
    return PlanRead.model_validate(updated)


async def _promo(db: SessionDep, promo: PromoCode) -> PromoCodeRead:
    used = await service.promo_uses(db, promo.id, now=utcnow())
    return PromoCodeRead(
        id=promo.id,
        code=promo.code,
        kind=promo.kind,
        percent=promo.percent,
        free_days=promo.free_days,
        plan_id=promo.plan_id,
        max_redemptions=promo.max_redemptions,
        per_user_limit=promo.per_user_limit,
        valid_from=promo.valid_from,
        valid_until=promo.valid_until,
        is_active=promo.is_active,
        description=promo.description,
        used=used,
    )


@router.get("/admin/promo-codes", summary="Staff: promo codes and how often they were used")
async def list_promo_codes(staff: StaffUser, db: SessionDep) -> list[PromoCodeRead]:
    return [await _promo(db, p) for p in await service.list_promo_codes(db)]


@router.post(
    "/admin/promo-codes",
    status_code=status.HTTP_201_CREATED,
    responses=error_responses(404, 409, 422),
    summary="Admin: create a promo code",
)
async def create_promo_code(
    data: PromoCodeCreate, admin: FreshAdminUser, db: SessionDep, ip_address: ClientIP
) -> PromoCodeRead:
    promo = await service.create_promo_code(db, data, actor_id=admin.id, ip_address=ip_address)
    return await _promo(db, promo)


@router.patch("/admin/promo-codes/{promo_id}", responses=error_responses(404, 422))
async def update_promo_code(
    promo_id: uuid.UUID,
    data: PromoCodeUpdate,
    admin: FreshAdminUser,
    db: SessionDep,
    ip_address: ClientIP,
) -> PromoCodeRead:
    promo = await service.get_promo_code(db, promo_id)
    updated = await service.update_promo_code(
        db, promo, data, actor_id=admin.id, ip_address=ip_address
    )
    return await _promo(db, updated)
