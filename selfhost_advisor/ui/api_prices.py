"""``advisor cost --api-model PROVIDER:MODEL``: API prices from the genai-prices data.

genai-prices (pydantic's maintained price database for LLM APIs) is read from the data
installed with the package, never over the network: nothing here creates its updater, so
no request is ever sent. It imports pydantic and an HTTP client (httpx2) when loaded, so it
is loaded only here, only when ``--api-model`` is given; the import-linter contract keeps
pydantic out of ``cost/``, and ``tests/test_import_guard.py`` keeps it out of every other
command's start-up. The data carries no date of its own: the package's version dates it.
"""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from selfhost_advisor.errors import AdvisorError
from selfhost_advisor.i18n.catalogs import Catalog
from selfhost_advisor.schema import Document

PER_MILLION = 1_000_000
_MAX_NAME = 200  # no provider:model id is longer; bound the work of a wild argument
_SUGGESTIONS = 5


@dataclass(frozen=True)
class ApiPrice:
    """USD per million input and output tokens for one model at one provider."""

    provider: str  # the provider's id, as matched
    provider_name: str
    model: str  # the model's id, as matched
    input_price: Fraction
    output_price: Fraction
    version: str  # of genai-prices, whose data this is
    pricing_url: str | None

    def document(self, catalog: Catalog) -> Document:
        """The JSON ``api_model`` object, with the sentence the card shows."""
        return {
            "provider": self.provider,
            "model": self.model,
            "input_price": float(self.input_price),
            "output_price": float(self.output_price),
            "source": "genai-prices",
            "version": self.version,
            "pricing_url": self.pricing_url,
            "text": catalog.text(
                "cost.notes.api_model",
                provider=self.provider_name,
                model=self.model,
                version=self.version,
            ),
        }


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("genai-prices")
    except PackageNotFoundError:
        return "?"


def _split(reference: str) -> tuple[str | None, str]:
    provider, colon, model = reference.partition(":")
    # Model ids may hold colons themselves (aws:meta.llama3-1-8b-instruct-v1:0).
    return (provider.strip() or None, model.strip()) if colon else (None, reference.strip())


def _resolves(snapshot: Any, provider: str | None, model: str) -> bool:
    try:
        snapshot.find_provider_model(model, None, provider, None)
    except LookupError:
        return False
    return True


def close_matches(reference: str, snapshot: Any = None) -> list[str]:
    """Up to five ``provider:model`` names near ``reference``, each checked to look up."""
    if snapshot is None:
        from genai_prices.data_snapshot import get_snapshot

        snapshot = get_snapshot()
    names = {
        f"{provider.id}:{model.id}".casefold(): f"{provider.id}:{model.id}"
        for provider in snapshot.providers
        for model in provider.models
    }
    near = difflib.get_close_matches(reference.casefold(), list(names), n=20, cutoff=0.6)
    checked = [names[n] for n in near if _resolves(snapshot, *_split(names[n]))]
    return checked[:_SUGGESTIONS]


def look_up(reference: str, when: datetime.datetime) -> ApiPrice:
    """The prices of ``reference`` (``provider:model``) at ``when``, or exit 2 with matches.

    ``when`` matters: the data holds scheduled price changes, so tests pass a fixed day.
    """
    try:
        from genai_prices import Usage, calc_price
        from genai_prices.data_snapshot import get_snapshot
    except ImportError as error:  # an install without the optional data
        raise AdvisorError("errors.cost_no_price_data", detail=str(error)) from None
    version = _version()
    reference = reference.strip()[:_MAX_NAME]
    provider, model = _split(reference)
    try:
        if not model:
            raise LookupError(reference)
        result = calc_price(
            Usage(input_tokens=PER_MILLION, output_tokens=PER_MILLION),
            model,
            provider_id=provider,
            genai_request_timestamp=when.replace(tzinfo=datetime.UTC),
        )
    except LookupError:
        matches = close_matches(reference, get_snapshot())
        if matches:
            raise AdvisorError(
                "errors.cost_unknown_api_model",
                fallback=f"--api-model: {reference!r} is not in the price data",
                given=repr(reference),
                version=version,
                matches=", ".join(matches),
            ) from None
        raise AdvisorError(
            "errors.cost_unknown_api_model_none",
            fallback=f"--api-model: {reference!r} is not in the price data",
            given=repr(reference),
            version=version,
        ) from None
    urls = result.provider.pricing_urls or []
    return ApiPrice(
        provider=result.provider.id,
        provider_name=result.provider.name,
        model=result.model.id,
        # Decimal to Fraction: exact, so the card shows the price the data states.
        input_price=Fraction(result.input_price),
        output_price=Fraction(result.output_price),
        version=version,
        pricing_url=str(urls[0]) if urls else None,
    )
