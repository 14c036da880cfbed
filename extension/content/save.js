// Content: the "Save idea" button and the trial-planning card (issue 4).
