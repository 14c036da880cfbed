// Content: the focus-session chip and the review / waiting / quiet-hours cover (issue 5).
