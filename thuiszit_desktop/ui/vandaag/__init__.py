"""The area "Vandaag": what a zorgcoördinator looks at every morning."""
