"""SymPy closed forms: families, latent mixtures, losses and their optimal estimators."""

from hallbound.symbolic.families import FAMILIES, Family, LevelSet, family_class
from hallbound.symbolic.mixture import LatentMixture

__all__ = ["FAMILIES", "Family", "LatentMixture", "LevelSet", "family_class"]
