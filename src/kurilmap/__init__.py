"""Japan–Russia border changes in Sakhalin and the Kuril Islands: data, geometry, maps and exports."""

__version__ = "0.1.0"
