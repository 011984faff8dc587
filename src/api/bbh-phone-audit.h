/* bbh-phone-audit.h — one voice verification call, as getPhoneAudit answers (section 2.4.3)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "bbh-callback.h"

G_BEGIN_DECLS

/**
 * BbhVoiceKind:
 * @BBH_VOICE_DIGITS: digits read out (1)
 * @BBH_VOICE_CHINESE: Chinese text (3)
 * @BBH_VOICE_IFLYTEK: text read by the iFlytek engine (4)
 * @BBH_VOICE_FILE_LIST: a list of voice files (5)
 *
 * phoneAudit's `type`.
 */
typedef enum
{
  BBH_VOICE_DIGITS    = 1,
  BBH_VOICE_CHINESE   = 3,
  BBH_VOICE_IFLYTEK   = 4,
  BBH_VOICE_FILE_LIST = 5,
} BbhVoiceKind;

/**
 * BbhVoiceRecord:
 * @BBH_VOICE_RECORD_NONE: no recording (0)
 * @BBH_VOICE_RECORD_AFTER_TRANSFER: record after the transfer (1)
 * @BBH_VOICE_RECORD_AFTER_ANSWER: record from the answer (2)
 *
 * phoneAudit's `isRecord`.
 */
typedef enum
{
  BBH_VOICE_RECORD_NONE           = 0,
  BBH_VOICE_RECORD_AFTER_TRANSFER = 1,
  BBH_VOICE_RECORD_AFTER_ANSWER   = 2,
} BbhVoiceRecord;

#define BBH_TYPE_PHONE_AUDIT (bbh_phone_audit_get_type ())

G_DECLARE_FINAL_TYPE (BbhPhoneAudit, bbh_phone_audit, BBH, PHONE_AUDIT, GObject)

gint64             bbh_phone_audit_get_id             (BbhPhoneAudit *self);
BbhCallbackStatus  bbh_phone_audit_get_status         (BbhPhoneAudit *self);
int                bbh_phone_audit_get_raw_status     (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_status_text    (BbhPhoneAudit *self);
int                bbh_phone_audit_get_talk_time      (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_phone          (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_create_time    (BbhPhoneAudit *self);
GDateTime         *bbh_phone_audit_get_create_date_time (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_begin_time     (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_success_time   (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_end_time       (BbhPhoneAudit *self);
gint64             bbh_phone_audit_get_extension_id   (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_value          (BbhPhoneAudit *self);
int                bbh_phone_audit_get_kind           (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_record_path    (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_result_key     (BbhPhoneAudit *self);
gint64             bbh_phone_audit_get_connect_id     (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_sip_round      (BbhPhoneAudit *self);
const char        *bbh_phone_audit_get_show_phone     (BbhPhoneAudit *self);

G_END_DECLS
