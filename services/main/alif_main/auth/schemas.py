import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from alif.auth import AccountStatus, Role
from alif.kernel.models import Language, OrganizationKind, Region
from alif.schemas import Phone, RequestModel, ResponseModel
from alif_main.auth.models import SessionKind
from alif_main.identifiers import Identifier, OneTimeCode, Password, Pin, Subject, Username
from alif_main.verification.models import CodePurpose

Name = Field(min_length=1, max_length=80)
TokenDelivery = Literal["cookie", "body"]


class NewOrganization(RequestModel):
    name: str = Field(min_length=2, max_length=200)
    kind: OrganizationKind
    region: Region | None = None
    district: str = Field(default="", max_length=100)
    address: str = Field(default="", max_length=300)
    phone: Phone | None = None


class RegistrationDetails(RequestModel):
    """What a registration keeps until its code is confirmed (no identifier, no password)."""

    role: Literal[Role.parent, Role.teacher, Role.organization]
    first_name: str = Name
    last_name: str = Field(default="", max_length=80)
    language: Language = Language.uz
    subjects: list[Subject] = Field(default_factory=list, max_length=10)
    organization_id: uuid.UUID | None = Field(
        default=None, description="A teacher may ask to join an organization right away"
    )
    organization: NewOrganization | None = Field(
        default=None, description="Required when registering an organization"
    )


class RegisterRequest(RegistrationDetails):
    """Self-registration: parents, teachers and organizations. Children are added by a parent."""

    identifier: Identifier = Field(description="An Uzbek phone (+998...) or an e-mail address")
    password: Password


class CodeSentResponse(ResponseModel):
    status: Literal["code_sent"] = "code_sent"
    identifier: str
    expires_in: int = Field(description="Seconds the code stays valid")
    resend_after: int = Field(description="Seconds before another code may be asked for")
    registration_id: uuid.UUID | None = Field(
        default=None,
        description="A registration's own id: send it with the code, and with a resend",
    )


_REGISTRATION = Field(
    default=None, description="For `register`: the `registration_id` the registration returned"
)


class SendCodeRequest(RequestModel):
    identifier: Identifier
    purpose: CodePurpose
    registration_id: uuid.UUID | None = _REGISTRATION


class VerifyCodeRequest(RequestModel):
    identifier: Identifier
    code: OneTimeCode
    registration_id: uuid.UUID | None = _REGISTRATION
    token_delivery: TokenDelivery = "cookie"


class LoginRequest(RequestModel):
    identifier: Identifier
    password: str = Field(min_length=1, max_length=128)
    token_delivery: TokenDelivery = Field(
        default="cookie",
        description="`cookie`: the refresh token goes into an HttpOnly cookie (web apps); "
        "`body`: it is returned in the response (API clients).",
    )


class ChildLoginRequest(RequestModel):
    username: Username
    pin: Pin
    token_delivery: TokenDelivery = "cookie"


class RefreshRequest(RequestModel):
    refresh_token: str | None = Field(
        default=None, max_length=100, description="API clients; web apps send the cookie"
    )


class LogoutRequest(RequestModel):
    refresh_token: str | None = Field(default=None, max_length=100)
    everywhere: bool = Field(default=False, description="End every session of this account")


class PasswordResetRequest(RequestModel):
    identifier: Identifier
    code: OneTimeCode
    new_password: Password


class SessionUser(ResponseModel):
    id: uuid.UUID
    role: Role
    status: AccountStatus
    first_name: str
    last_name: str


class TokenResponse(ResponseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    expires_in: int
    refresh_token: str | None = Field(default=None, description="Only for `token_delivery: body`")
    user: SessionUser


class SessionRead(ResponseModel):
    id: uuid.UUID
    kind: SessionKind
    user_agent: str
    ip_address: str
    created_at: datetime
    last_used_at: datetime
    current: bool = False
