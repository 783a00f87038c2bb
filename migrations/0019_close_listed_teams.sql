-- Teams signed up before seats were held (issue 13) booked their members from a list: they are
-- closed (the column's default) and hold exactly the seats their members filled.
UPDATE registration_groups SET
  seats = (SELECT count(*) FROM registrations WHERE group_id = registration_groups.id),
  join_until = created_at,
  closed_at = created_at
WHERE closed_at IS NULL;
