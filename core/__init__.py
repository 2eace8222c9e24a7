"""Small pieces shared by the write side (etl/) and the render side (ui/) without importing either."""
