from alif.errors import Forbidden


class WrongSecret(Forbidden):
    message = "This callback's secret is wrong."
