"""Password hashing with scrypt (memory-hard), from the standard library."""

import base64
import hashlib
import hmac
import secrets

from domain.errors import InvalidFieldError

# scrypt with N=2**15, r=8 takes 32 MiB and tens of milliseconds: slow for a guesser,
# quick for one sign-in.
N, R, P, LENGTH = 2**15, 8, 1, 32
MIN_LENGTH, MAX_LENGTH = 10, 200


def hash_password(password: str) -> str:
    """A salted scrypt hash of the password, as text safe to store."""
    check_password(password)
    salt = secrets.token_bytes(16)
    digest = _scrypt(password, salt, N, R, P)
    return f"scrypt${N}${R}${P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """Whether the password matches the stored hash (in constant time)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if kind != "scrypt" or len(password) > MAX_LENGTH:
        return False
    candidate = _scrypt(password, base64.b64decode(salt), int(n), int(r), int(p))
    return hmac.compare_digest(candidate, base64.b64decode(digest))


def check_password(password: str) -> None:
    """Refuse a password too short to resist guessing, or absurdly long."""
    if len(password) < MIN_LENGTH:
        raise InvalidFieldError(
            "password", f"Choose a password of at least {MIN_LENGTH} characters."
        )
    if len(password) > MAX_LENGTH:
        raise InvalidFieldError("password", f"A password can be at most {MAX_LENGTH} characters.")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        password.encode(), salt=salt, n=n, r=r, p=p, dklen=LENGTH, maxmem=128 * 1024 * 1024
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()
