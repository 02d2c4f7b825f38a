"""The project's one domain error type, rendered in one place by lib.ui."""


class AtlasError(Exception):
    """An error a user can act on.

    Parameters
    ----------
    key : str
        Catalogue key of the message (see lib/texts), formatted with ``fmt``.
    **fmt
        Values for the message's placeholders.

    Examples
    --------
    >>> raise AtlasError("store.concurrent_import", table="areas")  # doctest: +SKIP
    """

    def __init__(self, key: str, **fmt):
        self.key = key
        self.fmt = fmt
        super().__init__(f"{key} {fmt}" if fmt else key)

    def message(self, lang: str = "da") -> str:
        """Return the message in ``lang`` from the translation catalogue."""
        from lib.i18n import t

        return t(self.key, lang, **self.fmt)
