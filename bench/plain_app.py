"""The reference for bench/run.py: a plain FastAPI endpoint, no middleware, no logging.

It answers the same kind of document as main's JWKS endpoint (one Ed25519 key as a JWK), so
the difference to our bare endpoint is what our app adds per request: the middleware, the
request id, the access line and the route table.

    uvicorn bench.plain_app:app
"""

from fastapi import FastAPI

app = FastAPI()

DOCUMENT = {
    "keys": [
        {
            "kty": "OKP",
            "crv": "Ed25519",
            "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
            "kid": "bench",
            "use": "sig",
            "alg": "EdDSA",
        }
    ]
}


@app.get("/api/plain/.well-known/jwks.json")
async def jwks() -> dict[str, object]:
    return DOCUMENT
