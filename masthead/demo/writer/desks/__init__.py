"""The paper's desks, one module each, by the section they write for."""

from masthead.demo.writer.desks import economy, market_analysis, markets, opinion, politics, technology, world
from masthead.demo.writer.desks.base import Desk

DESKS: dict[str, Desk] = {
    "markets": markets.DESK,
    "economy": economy.DESK,
    "politics": politics.DESK,
    "world": world.DESK,
    "technology": technology.DESK,
    "opinion": opinion.DESK,
    "market-analysis": market_analysis.DESK,
}
