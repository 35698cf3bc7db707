"""The ASL document model: parsing with source positions, scopes, the graph view, serializing."""
