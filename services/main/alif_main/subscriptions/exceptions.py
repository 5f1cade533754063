from alif.errors import Conflict, Forbidden, NotFound, Unprocessable


class PlanNotFound(NotFound):
    message = "This plan does not exist."


class PlanCodeTaken(Conflict):
    message = "A plan with this code already exists."


class UnknownFeature(Unprocessable):
    message = "A plan can only include features the platform knows."


class FeatureNotLive(Unprocessable):
    message = "A plan can only include features that work today."


class NotASubscriber(Forbidden):
    message = "Subscriptions are bought by a parent or an organization."


class PlanNotForYou(Forbidden):
    message = "This plan is for a different kind of account."


class SubscriptionAlreadyActive(Conflict):
    message = (
        "Your subscription is already active. To add time to it, choose to extend it explicitly."
    )


class PlanChangeNotAllowed(Conflict):
    message = "Your current plan is active; you can switch to another plan after it ends."


class TrialNotAvailable(Conflict):
    message = "The free trial can be used once per family."


class PromoCodeNotFound(NotFound):
    message = "This promo code does not exist."


class PromoCodeNotValid(Unprocessable):
    message = "This promo code cannot be used now."


class PromoCodeNotForThisPlan(Unprocessable):
    message = "This promo code is for a different plan."


class PromoCodeUsedUp(Conflict):
    message = "This promo code has been used up."


class PromoCodeAlreadyUsed(Conflict):
    message = "You have already used this promo code."


class PromoCodeTaken(Conflict):
    message = "A promo code with this text already exists."


class PurchaseAlreadyUsed(Conflict):
    message = "This purchase has already been used and cannot be taken back."


class NoFamilyPlan(Conflict):
    message = "Your family has no plan now."


class TooManyChosenChildren(Unprocessable):
    message = "The plan covers fewer children than were chosen."
