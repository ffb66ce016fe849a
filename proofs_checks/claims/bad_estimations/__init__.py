"""The claims of Liu, Hu, Zhang, Song, Liu (2025), "Are Hallucinations Bad Estimations?"
(``paper="bad-estimations"``) as stated, and the corrected claims, one module per result."""
