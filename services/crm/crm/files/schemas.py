from alif.schemas import ResponseModel


class Imported(ResponseModel):
    created: int
