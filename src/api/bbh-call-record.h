/* bbh-call-record.h — one call record, as findDialrecord answers (sections 2.4.1 and 2.7.1)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * BbhCallDirection:
 * @BBH_CALL_DIRECTION_UNKNOWN: the server sent no or an unknown `cdrPeer`
 * @BBH_CALL_DIRECTION_OUT: the agent called out (1)
 * @BBH_CALL_DIRECTION_IN: a call came in (2)
 * @BBH_CALL_DIRECTION_CAMPAIGN_OUT: an outbound campaign called out (3)
 * @BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED: an outbound campaign call was answered (4)
 * @BBH_CALL_DIRECTION_VOICEMAIL: a voice message was left (5)
 *
 * `cdrPeer` of section 2.7.1; the values are the wire values, so they also serve as the
 * `cdrPeer` filter of a #BbhCallRecordQuery.
 */
typedef enum
{
  BBH_CALL_DIRECTION_UNKNOWN           = 0,
  BBH_CALL_DIRECTION_OUT               = 1,
  BBH_CALL_DIRECTION_IN                = 2,
  BBH_CALL_DIRECTION_CAMPAIGN_OUT      = 3,
  BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED = 4,
  BBH_CALL_DIRECTION_VOICEMAIL         = 5,
} BbhCallDirection;

#define BBH_TYPE_CALL_DIRECTION (bbh_call_direction_get_type ())
GType        bbh_call_direction_get_type   (void) G_GNUC_CONST;
const char  *bbh_call_direction_to_string  (BbhCallDirection direction);

#define BBH_TYPE_CALL_RECORD (bbh_call_record_get_type ())

G_DECLARE_FINAL_TYPE (BbhCallRecord, bbh_call_record, BBH, CALL_RECORD, GObject)

gint64            bbh_call_record_get_id                  (BbhCallRecord *self);
const char       *bbh_call_record_get_start_time          (BbhCallRecord *self);
GDateTime        *bbh_call_record_get_start_date_time     (BbhCallRecord *self);
const char       *bbh_call_record_get_success_time        (BbhCallRecord *self);
GDateTime        *bbh_call_record_get_success_date_time   (BbhCallRecord *self);
const char       *bbh_call_record_get_hangup_time         (BbhCallRecord *self);
GDateTime        *bbh_call_record_get_hangup_date_time    (BbhCallRecord *self);
const char       *bbh_call_record_get_extension           (BbhCallRecord *self);
const char       *bbh_call_record_get_extension_name      (BbhCallRecord *self);
const char       *bbh_call_record_get_phone               (BbhCallRecord *self);
const char       *bbh_call_record_get_called_name         (BbhCallRecord *self);
int               bbh_call_record_get_peer                (BbhCallRecord *self);
BbhCallDirection  bbh_call_record_get_direction           (BbhCallRecord *self);
int               bbh_call_record_get_talk_time           (BbhCallRecord *self);
const char       *bbh_call_record_get_hangup_reason_code  (BbhCallRecord *self);
const char       *bbh_call_record_get_hangup_reason_text  (BbhCallRecord *self);
const char       *bbh_call_record_get_ivr                 (BbhCallRecord *self);
const char       *bbh_call_record_get_ivr_key             (BbhCallRecord *self);
const char       *bbh_call_record_get_record_file         (BbhCallRecord *self);
gboolean          bbh_call_record_has_recording           (BbhCallRecord *self);
const char       *bbh_call_record_get_cmm_id              (BbhCallRecord *self);
const char       *bbh_call_record_get_trunk_route         (BbhCallRecord *self);
int               bbh_call_record_get_charging_times      (BbhCallRecord *self);
const char       *bbh_call_record_get_last_phone          (BbhCallRecord *self);
const char       *bbh_call_record_get_extension_ip        (BbhCallRecord *self);
const char       *bbh_call_record_get_extension_port      (BbhCallRecord *self);
const char       *bbh_call_record_get_phone_ip            (BbhCallRecord *self);
const char       *bbh_call_record_get_phone_port          (BbhCallRecord *self);

G_END_DECLS
