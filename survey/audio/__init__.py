"""Audio of the questionnaire: every question, option and the introduction, per locale.

Recorded audio (imported by ``flask translations audio import DIR``) comes first;
where none exists, a draft spoken by espeak-ng (``flask translations audio
generate``) may stand in, unless the site has switched drafts off. Files are
Ogg Opus, stored per questionnaire version (``<audio dir>/core@1/<locale>/
recorded|draft/<clip>.opus``): like the wording they speak, they belong to the
version. See docs/translations.md for the naming scheme.
"""
