"""actorgraph: a sourced, dated knowledge graph of armed actors.

The library API mirrors the command line:

>>> from actorgraph import ActorGraph
>>> graph = ActorGraph.bundled()
>>> graph.ask('ASK { actor:gsim skos:altLabel "JNIM"@en }')
True
"""

from actorgraph.graph import ActorGraph, open_graph

__all__ = ["ActorGraph", "open_graph"]
