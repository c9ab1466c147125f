"""The official report format as data (国办公开办函〔2021〕30号 and 〔2019〕60号)."""

from gkgen.format.editions import EDITIONS, edition
from gkgen.format.spec import Block, Cell, Col, Edition, Kind, Part, Relation, Row, Table

__all__ = ["EDITIONS", "Block", "Cell", "Col", "Edition", "Kind", "Part", "Relation", "Row",
           "Table", "edition"]
