"""How to do it with the capacity you have: one concrete deployment path per piece of advice.

The path is chosen from the answers and the recommendation alone, and returned as an id; its
words (what to run, two or three named products with what each gives, and the date those names
and claims were checked) live in ``locales/`` under ``deployment.<id>``. Like the decision, this
module is pure and imports nothing that draws or reads.

Why each path goes where it does:

- ``managed-private`` whenever nobody can run models (``ops=none``) and the advice still needs a
  model under the team's control: self-hosting forced by restricted data, the private slice of a
  hybrid, and the API when the team wants lifecycle control it cannot staff. A managed service
  in the team's own cloud account (or a single-tenant endpoint under contract) is the one way to
  get there without a platform team; the catalog text says plainly where it is not enough.
- ``focused`` for a hybrid's private slice whenever there is capacity (one model behind one
  OpenAI-compatible server is what the seed means by "a focused private deployment", even for a
  team that could run more), and for self-hosting with only focused capacity.
- ``platform`` for self-hosting everything with a platform team: several models, autoscaling
  and routing are what that team exists to run.
"""

from __future__ import annotations

from enum import StrEnum

from selfhost_advisor.advice.questions import Control, Ops


class Deployment(StrEnum):
    """The deployment paths, from least to most operational capacity."""

    MANAGED_PRIVATE = "managed-private"
    FOCUSED = "focused"
    PLATFORM = "platform"


# Each path's named examples, in the order shown; the catalog words each under
# ``deployment.<path>.examples.<id>`` (a name and what it gives).
EXAMPLES: dict[Deployment, tuple[str, ...]] = {
    Deployment.MANAGED_PRIVATE: ("bedrock-import", "vertex-model-garden", "together-dedicated"),
    Deployment.FOCUSED: ("vllm", "sglang"),
    Deployment.PLATFORM: ("kserve", "llm-d", "dynamo"),
}


def choose(recommendation: str, control: Control, ops: Ops) -> Deployment | None:
    """The deployment path for a recommendation (``api``, ``self-host`` or ``hybrid``), or None.

    Takes the recommendation's id rather than the decision's enum, so the decision can call it
    without an import cycle.
    """
    if recommendation == "api":
        # The API needs no path, except for a lifecycle need nobody can run: a managed
        # open-weight model gives pinned weights without GPUs to operate.
        if control is not Control.NONE and ops is Ops.NONE:
            return Deployment.MANAGED_PRIVATE
        return None
    if ops is Ops.NONE:
        return Deployment.MANAGED_PRIVATE
    if recommendation == "hybrid" or ops is Ops.FOCUSED:
        return Deployment.FOCUSED
    return Deployment.PLATFORM
