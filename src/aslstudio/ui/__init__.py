"""The Qt desktop application: main window, canvas, panels."""
