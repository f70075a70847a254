-- A letter's link and code went to the case system when the invitation was made: the funnel's "sent" (and "reached").
UPDATE `invitations` SET `mailed_at` = `created_at` WHERE `delivery` = 'letter' AND `mailed_at` IS NULL;
