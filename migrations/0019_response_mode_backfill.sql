-- Responses from before modes existed: an answer to a letter invitation was given by letter.
-- Their roll-ups under the mode's segment key are added at start (backfillModeRollups).
UPDATE `responses` SET `mode` = 'letter' WHERE `invitation_id` IN (SELECT `id` FROM `invitations` WHERE `delivery` = 'letter');
