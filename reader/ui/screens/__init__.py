"""Full screens: the library, the reading screen, the glossary table, the help screen. The app
opens them; a screen never imports another (an import contract checks it)."""
