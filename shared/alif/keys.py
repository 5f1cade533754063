"""Ed25519 keys for access tokens: loading, the `kid` of a key, and the development key pair.

Only `main` holds a private key. Every service verifies with the public keys in
`JWT_PUBLIC_KEYS` (several may be listed while keys rotate). In development, with nothing
configured, all services share one key pair generated once in `DATA_DIR/keys/`.
"""

import base64
import hashlib
import json
import os
import re
import secrets
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from alif.config import CommonSettings

_PEM_BLOCK = re.compile(r"-----BEGIN [A-Z ]+-----.+?-----END [A-Z ]+-----", re.DOTALL)
DEV_KEY_FILE = "keys/jwt-ed25519.pem"


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def public_jwk(key: Ed25519PublicKey) -> dict[str, str]:
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    jwk = {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}
    return {**jwk, "kid": key_id(key), "alg": "EdDSA", "use": "sig"}


def key_id(key: Ed25519PublicKey) -> str:
    """The RFC 7638 thumbprint of the key, so a `kid` never needs to be configured."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    canonical = json.dumps(
        {"crv": "Ed25519", "kty": "OKP", "x": _b64url(raw)}, separators=(",", ":"), sort_keys=True
    )
    return _b64url(hashlib.sha256(canonical.encode()).digest())


def private_key_from_pem(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the token signing key must be an Ed25519 private key")
    return key


def private_key_to_pem(key: Ed25519PrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def public_key_to_pem(key: Ed25519PublicKey) -> str:
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()


def public_keys_from_pem(pem_bundle: str) -> dict[str, Ed25519PublicKey]:
    keys: dict[str, Ed25519PublicKey] = {}
    for block in _PEM_BLOCK.findall(pem_bundle.replace("\\n", "\n")):
        key = serialization.load_pem_public_key(block.encode())
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("JWT_PUBLIC_KEYS may hold only Ed25519 public keys")
        keys[key_id(key)] = key
    return keys


def development_private_key(data_dir: Path) -> Ed25519PrivateKey:
    """The development key pair, created once; concurrent starters agree on the same file."""
    path = data_dir / DEV_KEY_FILE
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f"{path.name}.{secrets.token_hex(8)}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(private_key_to_pem(Ed25519PrivateKey.generate()))
        # A hard link publishes the complete file atomically; if another process won, use theirs.
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return private_key_from_pem(path.read_text())


def verification_keys(settings: CommonSettings) -> dict[str, Ed25519PublicKey]:
    if settings.jwt_public_keys.strip():
        keys = public_keys_from_pem(settings.jwt_public_keys)
        if not keys:
            raise ValueError("JWT_PUBLIC_KEYS holds no PEM public key")
        return keys
    if settings.is_deployed:
        raise ValueError("JWT_PUBLIC_KEYS is required in production")
    public = development_private_key(settings.data_dir).public_key()
    return {key_id(public): public}
