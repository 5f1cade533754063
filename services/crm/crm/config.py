from typing import ClassVar

from alif.config import CommonSettings


class CrmSettings(CommonSettings):
    service_name: ClassVar[str] = "crm"

    # main's public pay page for a tuition link (`<this>/<link id>`): what the office sends to a
    # family. The same TUITION_PAY_URL as main's, which sends the payer back there.
    tuition_pay_url: str = "https://alif24.uz/pay"

    # main's sign-up page that an invitation SMS carries: the parent registers there with the phone
    # the centre has on file.
    parent_register_url: str = "https://alif24.uz/register"
