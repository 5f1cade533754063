import uuid
from typing import Annotated

from fastapi import APIRouter, Cookie, Depends, Request, Response, status

from alif.auth import CurrentUser, MaybeUser, Role, TokenUser
from alif.db import SessionDep
from alif.dependencies import ClientIP
from alif.errors import error_responses
from alif_main.auth.exceptions import DevicesForParents, InvalidRefreshToken
from alif_main.auth.models import SessionKind
from alif_main.auth.schemas import (
    ChildLoginRequest,
    CodeSentResponse,
    LoginRequest,
    LogoutRequest,
    PasswordResetRequest,
    RefreshRequest,
    RegisterRequest,
    SendCodeRequest,
    SessionRead,
    SessionUser,
    TokenDelivery,
    TokenResponse,
    VerifyCodeRequest,
)
from alif_main.auth.service import Client
from alif_main.auth.sessions import IssuedTokens
from alif_main.config import MainSettings
from alif_main.dependencies import AuthServiceDep, SessionsDep, SettingsDep

REFRESH_COOKIE = "alif_refresh"
REFRESH_COOKIE_PATH = "/api/main/auth"

public_router = APIRouter(prefix="/auth", tags=["auth"])
router = APIRouter(prefix="/auth", tags=["auth"])
keys_router = APIRouter(tags=["auth"])

RefreshCookie = Annotated[str | None, Cookie(alias=REFRESH_COOKIE, include_in_schema=False)]


def _client(request: Request, ip_address: str, delivery: TokenDelivery) -> Client:
    return Client(
        ip_address=ip_address,
        user_agent=request.headers.get("user-agent", ""),
        session_kind=SessionKind.web if delivery == "cookie" else SessionKind.api,
    )


def _set_refresh_cookie(response: Response, token: str, settings: MainSettings) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=settings.refresh_token_days * 86400,
        path=REFRESH_COOKIE_PATH,
        domain=settings.cookie_domain,
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def _clear_refresh_cookie(response: Response, settings: MainSettings) -> None:
    response.delete_cookie(
        REFRESH_COOKIE,
        path=REFRESH_COOKIE_PATH,
        domain=settings.cookie_domain,
        secure=settings.cookie_secure,
        httponly=True,
        samesite="lax",
    )


def _token_response(
    issued: IssuedTokens, response: Response, settings: MainSettings
) -> TokenResponse:
    body_token = None
    if issued.session.kind is SessionKind.web:
        _set_refresh_cookie(response, issued.refresh_token, settings)
    else:
        body_token = issued.refresh_token
    return TokenResponse(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        refresh_token=body_token,
        user=SessionUser.model_validate(issued.user),
    )


@public_router.post(
    "/register",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(422, 429),
    summary="Register a parent, teacher or organization; a code confirms the phone/e-mail",
)
async def register(
    data: RegisterRequest, db: SessionDep, auth: AuthServiceDep, ip_address: ClientIP
) -> CodeSentResponse:
    sent = await auth.register(db, data, ip_address=ip_address)
    return CodeSentResponse.model_validate(sent)


@public_router.post(
    "/otp/send",
    status_code=status.HTTP_202_ACCEPTED,
    responses=error_responses(429),
    summary="Send a one-time code (registration or password reset)",
)
async def send_code(
    data: SendCodeRequest, db: SessionDep, auth: AuthServiceDep, ip_address: ClientIP
) -> CodeSentResponse:
    sent = await auth.send_code(
        db,
        data.identifier,
        data.purpose,
        ip_address=ip_address,
        registration_id=data.registration_id,
    )
    return CodeSentResponse.model_validate(sent)


@public_router.post(
    "/otp/verify",
    responses=error_responses(400, 429),
    summary="Confirm the phone/e-mail of a new account with its code; signs the user in",
)
async def verify_code(
    data: VerifyCodeRequest,
    request: Request,
    response: Response,
    db: SessionDep,
    auth: AuthServiceDep,
    settings: SettingsDep,
    ip_address: ClientIP,
) -> TokenResponse:
    client = _client(request, ip_address, data.token_delivery)
    issued = await auth.verify_registration(
        db, data.identifier, data.code, client, data.registration_id
    )
    return _token_response(issued, response, settings)


@public_router.post("/login", responses=error_responses(401, 403, 429))
async def login(
    data: LoginRequest,
    request: Request,
    response: Response,
    db: SessionDep,
    auth: AuthServiceDep,
    settings: SettingsDep,
    ip_address: ClientIP,
) -> TokenResponse:
    client = _client(request, ip_address, data.token_delivery)
    issued = await auth.login(db, data.identifier, data.password, client)
    return _token_response(issued, response, settings)


@public_router.post(
    "/child-login",
    responses=error_responses(401, 403, 429),
    summary="A child signs in with the username and PIN a parent set",
)
async def child_login(
    data: ChildLoginRequest,
    request: Request,
    response: Response,
    db: SessionDep,
    auth: AuthServiceDep,
    settings: SettingsDep,
    ip_address: ClientIP,
) -> TokenResponse:
    client = _client(request, ip_address, data.token_delivery)
    issued = await auth.child_login(db, data.username, data.pin, client)
    return _token_response(issued, response, settings)


@public_router.post(
    "/refresh",
    responses=error_responses(401, 403),
    summary="A new access token; the refresh token (cookie or body) is rotated",
)
async def refresh(
    response: Response,
    db: SessionDep,
    auth: AuthServiceDep,
    settings: SettingsDep,
    cookie_token: RefreshCookie = None,
    data: RefreshRequest | None = None,
) -> TokenResponse:
    token = (data.refresh_token if data else None) or cookie_token
    if not token:
        raise InvalidRefreshToken()
    issued = await auth.sessions.rotate(db, token)
    return _token_response(issued, response, settings)


@public_router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="End this session (or every session); always clears the cookie",
)
async def logout(
    response: Response,
    db: SessionDep,
    auth: AuthServiceDep,
    settings: SettingsDep,
    user: MaybeUser,
    cookie_token: RefreshCookie = None,
    data: LogoutRequest | None = None,
) -> None:
    data = data or LogoutRequest()
    await auth.end_session(
        db,
        refresh_token=data.refresh_token or cookie_token,
        everywhere=data.everywhere,
        user_id=user.id if user else None,
        session_id=user.session_id if user else None,
    )
    _clear_refresh_cookie(response, settings)


@public_router.post(
    "/password/reset",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(400, 422, 429),
    summary="Set a new password with a code sent by /auth/otp/send (purpose password_reset)",
)
async def reset_password(data: PasswordResetRequest, db: SessionDep, auth: AuthServiceDep) -> None:
    await auth.reset_password(db, data.identifier, data.code, data.new_password)


def _not_a_child(user: CurrentUser) -> TokenUser:
    # Devices with addresses are adult matters: a parent sees a child's (/children/{id}/devices).
    if user.role is Role.student:
        raise DevicesForParents()
    return user


AdultUser = Annotated[TokenUser, Depends(_not_a_child)]


@router.get(
    "/sessions", responses=error_responses(403), summary="The devices signed in to this account"
)
async def list_sessions(
    user: AdultUser, db: SessionDep, sessions: SessionsDep
) -> list[SessionRead]:
    live = await sessions.list_live(db, user.id)
    return [
        SessionRead.model_validate(s).model_copy(update={"current": s.id == user.session_id})
        for s in live
    ]


@router.delete(
    "/sessions/{session_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=error_responses(403, 404),
    summary="Sign out one device",
)
async def end_session(
    session_id: uuid.UUID, user: AdultUser, db: SessionDep, sessions: SessionsDep
) -> None:
    await sessions.revoke_by_id(db, user.id, session_id, "ended_by_user")


@keys_router.get(
    "/.well-known/jwks.json",
    response_model=dict[str, object],
    summary="Public keys that verify access tokens (RFC 7517)",
)
async def json_web_keys(request: Request) -> Response:
    # Built once at start-up (app.py); verifiers may cache it for a few minutes.
    return Response(
        request.app.state.jwks_body,
        media_type="application/json",
        headers={"Cache-Control": "public, max-age=300"},
    )
