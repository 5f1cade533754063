from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from alif.config import CommonSettings
from alif.keys import (
    development_private_key,
    key_id,
    public_key_to_pem,
    public_keys_from_pem,
    verification_keys,
)


def test_every_process_of_a_development_run_gets_the_same_key(tmp_path: Path) -> None:
    with ThreadPoolExecutor(8) as pool:
        keys = list(pool.map(lambda _: development_private_key(tmp_path), range(8)))
    assert len({key_id(k.public_key()) for k in keys}) == 1
    assert (tmp_path / "keys" / "jwt-ed25519.pem").stat().st_mode & 0o077 == 0


def test_several_public_keys_may_be_trusted_while_keys_rotate() -> None:
    old, new = Ed25519PrivateKey.generate(), Ed25519PrivateKey.generate()
    bundle = public_key_to_pem(old.public_key()) + public_key_to_pem(new.public_key())
    keys = public_keys_from_pem(bundle)
    assert set(keys) == {key_id(old.public_key()), key_id(new.public_key())}


def test_escaped_newlines_from_an_env_file_are_understood() -> None:
    key = Ed25519PrivateKey.generate()
    one_line = public_key_to_pem(key.public_key()).replace("\n", "\\n")
    settings = CommonSettings(_env_file=None, jwt_public_keys=one_line)
    assert list(verification_keys(settings)) == [key_id(key.public_key())]


def test_the_key_id_is_the_rfc_7638_thumbprint() -> None:
    # RFC 8037, appendix A.3: the thumbprint of the example Ed25519 key.
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    x = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    raw = base64.urlsafe_b64decode(x + "=")
    key = Ed25519PublicKey.from_public_bytes(raw)
    assert key_id(key) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
