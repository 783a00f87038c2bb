-- One donation a person a day (the index in the next migration). Before it, desks could record a
-- second donation of the same person on the same day through two sign-ups: such a second record
-- is false by definition, so the earliest of each day stays and later ones go.
DELETE FROM donations
WHERE EXISTS (
  SELECT 1 FROM donations AS earlier
  WHERE earlier.person_id = donations.person_id AND earlier.day = donations.day
    AND (earlier.created_at < donations.created_at OR (earlier.created_at = donations.created_at AND earlier.id < donations.id))
);
