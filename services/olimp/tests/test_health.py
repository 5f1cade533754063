from httpx import AsyncClient


async def test_the_service_is_ready(client: AsyncClient) -> None:
    response = await client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {"status": "ready", "service": "olimp"}


async def test_its_api_documentation_is_served(client: AsyncClient) -> None:
    response = await client.get("/api/olimp/openapi.json")
    assert response.status_code == 200
