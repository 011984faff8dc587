/* bbh-task-detail.c
 *
 * Section 2.10.3: every ctd* member of the document's example. Times stay text as the server
 * wrote them (the dial time is also read as Unix ms); durations are seconds; enumerations the
 * server did not send are -1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-task-detail"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-admin-private.h"
#include "bbh-task-detail-private.h"

struct _BbhTaskDetail
{
  GObject parent_instance;

  gint64 id;
  gint64 task_id;
  char  *task_name;
  char  *phone;
  char  *phone_name;
  int    status;
  char  *key;
  char  *text;
  char  *result_type;
  char  *call_time;
  char  *begin_time;
  char  *success_time;
  char  *end_time;
  int    talk_seconds;
  int    call_talk_seconds;
  char  *extension;
  char  *agent_name;
  char  *transfer_phone;
  char  *transfer_success_time;
  char  *transfer_end_time;
  int    transfer_seconds;
  int    sms_send_status;
  int    result_code;
  int    result_value;
  char  *result_text;
  char  *result_json;
  char  *reason_type;
  char  *word;
  char  *all_words;
  int    word_sum;
  char  *time_area;
  char  *wav_file;
  char  *wav_paths;
  char  *sip_round;
  int    redial_count;
  int    wheel_sum;
  gint64 call_time_ms;
};

G_DEFINE_FINAL_TYPE (BbhTaskDetail, bbh_task_detail, G_TYPE_OBJECT)

static const BbhAdminField fields[] = {
  BBH_ADMIN_INT64  ("id", "ctdId", NULL, BbhTaskDetail, id, 0),
  BBH_ADMIN_INT64  ("task-id", "ctd_ctkId", "ctkId", BbhTaskDetail, task_id, 0),
  BBH_ADMIN_STRING ("task-name", "ctkName", NULL, BbhTaskDetail, task_name),
  BBH_ADMIN_STRING ("phone", "ctdPhone", NULL, BbhTaskDetail, phone),
  BBH_ADMIN_STRING ("phone-name", "ctdPhoneName", NULL, BbhTaskDetail, phone_name),
  BBH_ADMIN_INT    ("status", "ctdStatus", NULL, BbhTaskDetail, status, -1),
  BBH_ADMIN_STRING ("key", "ctdKey", NULL, BbhTaskDetail, key),
  BBH_ADMIN_STRING ("text", "ctdText", NULL, BbhTaskDetail, text),
  BBH_ADMIN_STRING ("result-type", "ctdType", NULL, BbhTaskDetail, result_type),
  BBH_ADMIN_STRING ("call-time", "ctdCallTime", NULL, BbhTaskDetail, call_time),
  BBH_ADMIN_STRING ("begin-time", "ctdBeginTime", NULL, BbhTaskDetail, begin_time),
  BBH_ADMIN_STRING ("success-time", "ctdSuccessTime", NULL, BbhTaskDetail, success_time),
  BBH_ADMIN_STRING ("end-time", "ctdEndTime", NULL, BbhTaskDetail, end_time),
  BBH_ADMIN_INT    ("talk-seconds", "ctdTimes", NULL, BbhTaskDetail, talk_seconds, 0),
  BBH_ADMIN_INT    ("call-talk-seconds", "ctdCallTalktimes", NULL, BbhTaskDetail, call_talk_seconds, 0),
  BBH_ADMIN_STRING ("extension", "ctdExtension", NULL, BbhTaskDetail, extension),
  BBH_ADMIN_STRING ("agent-name", "exteName", NULL, BbhTaskDetail, agent_name),
  BBH_ADMIN_STRING ("transfer-phone", "ctdTransferPhone", NULL, BbhTaskDetail, transfer_phone),
  BBH_ADMIN_STRING ("transfer-success-time", "ctdTransferSuccessTime", NULL, BbhTaskDetail, transfer_success_time),
  BBH_ADMIN_STRING ("transfer-end-time", "ctdTransferEndTime", NULL, BbhTaskDetail, transfer_end_time),
  BBH_ADMIN_INT    ("transfer-seconds", "ctdTransferTimes", NULL, BbhTaskDetail, transfer_seconds, 0),
  BBH_ADMIN_INT    ("sms-send-status", "ctdSmsSendStatus", NULL, BbhTaskDetail, sms_send_status, -1),
  BBH_ADMIN_INT    ("result-code", "ctdResultCode", NULL, BbhTaskDetail, result_code, -1),
  BBH_ADMIN_INT    ("result-value", "ctdResultValue", NULL, BbhTaskDetail, result_value, 0),
  BBH_ADMIN_STRING ("result-text", "ctd_ResultText", NULL, BbhTaskDetail, result_text),
  BBH_ADMIN_STRING ("result-json", "ctdResultJson", NULL, BbhTaskDetail, result_json),
  BBH_ADMIN_STRING ("reason-type", "cnrReasonType", NULL, BbhTaskDetail, reason_type),
  BBH_ADMIN_STRING ("word", "ctd_word", NULL, BbhTaskDetail, word),
  BBH_ADMIN_STRING ("all-words", "ctd_all_word", NULL, BbhTaskDetail, all_words),
  BBH_ADMIN_INT    ("word-sum", "ctd_wordSum", NULL, BbhTaskDetail, word_sum, 0),
  BBH_ADMIN_STRING ("time-area", "ctd_timeArea", NULL, BbhTaskDetail, time_area),
  BBH_ADMIN_STRING ("wav-file", "ctdWavFile", NULL, BbhTaskDetail, wav_file),
  BBH_ADMIN_STRING ("wav-paths", "ctdWavPaths", NULL, BbhTaskDetail, wav_paths),
  BBH_ADMIN_STRING ("sip-round", "ctdSipRound", NULL, BbhTaskDetail, sip_round),
  BBH_ADMIN_INT    ("redial-count", "ctdReNum", NULL, BbhTaskDetail, redial_count, 0),
  BBH_ADMIN_INT    ("wheel-sum", "ctdWheelSum", NULL, BbhTaskDetail, wheel_sum, 0),
};

enum {
  PROP_CALL_TIME_MS = G_N_ELEMENTS (fields) + 1,
};

/* A row is a task number when it names one: an id or a phone. */
gpointer
bbh_task_detail_new_from_json (JsonObject *row)
{
  BbhTaskDetail *self;

  if (!json_object_has_member (row, "ctdId") && !json_object_has_member (row, "ctdPhone"))
    return NULL;

  self = g_object_new (BBH_TYPE_TASK_DETAIL, NULL);
  bbh_admin_fields_parse (self, fields, G_N_ELEMENTS (fields), row);
  self->call_time_ms = bbh_admin_parse_time_ms (self->call_time);
  return self;
}

static void
bbh_task_detail_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbhTaskDetail *self = BBH_TASK_DETAIL (object);

  if (prop_id == PROP_CALL_TIME_MS)
    g_value_set_int64 (value, self->call_time_ms);
  else if (!bbh_admin_fields_get_property (object, fields, G_N_ELEMENTS (fields), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bbh_task_detail_finalize (GObject *object)
{
  bbh_admin_fields_free (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (bbh_task_detail_parent_class)->finalize (object);
}

static void
bbh_task_detail_class_init (BbhTaskDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_task_detail_get_property;
  object_class->finalize = bbh_task_detail_finalize;

  bbh_admin_fields_install (object_class, fields, G_N_ELEMENTS (fields));
  g_object_class_install_property (object_class, PROP_CALL_TIME_MS,
                                   g_param_spec_int64 ("call-time-ms", NULL, NULL,
                                                       G_MININT64, G_MAXINT64, 0,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
bbh_task_detail_init (BbhTaskDetail *self)
{
}

/**
 * bbh_task_detail_get_id:
 *
 * Returns: `ctdId`, the number's row in the task (64-bit, sent as text).
 */
gint64
bbh_task_detail_get_id (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->id;
}

/**
 * bbh_task_detail_get_task_id:
 *
 * Returns: `ctd_ctkId`, the task.
 */
gint64
bbh_task_detail_get_task_id (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->task_id;
}

/**
 * bbh_task_detail_get_task_name:
 *
 * Returns: (nullable): `ctkName`, the task's name.
 */
const char *
bbh_task_detail_get_task_name (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->task_name;
}

/**
 * bbh_task_detail_get_phone:
 *
 * Returns: (nullable): `ctdPhone`, the number called.
 */
const char *
bbh_task_detail_get_phone (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->phone;
}

/**
 * bbh_task_detail_get_phone_name:
 *
 * Returns: (nullable): `ctdPhoneName`, the callee's name.
 */
const char *
bbh_task_detail_get_phone_name (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->phone_name;
}

/**
 * bbh_task_detail_get_status:
 *
 * Returns: `ctdStatus`, a #BbhTaskDetailStatus, or -1.
 */
int
bbh_task_detail_get_status (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), -1);
  return self->status;
}

/**
 * bbh_task_detail_get_key:
 *
 * Returns: (nullable): `ctdKey`, the key given to addTask.
 */
const char *
bbh_task_detail_get_key (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->key;
}

/**
 * bbh_task_detail_get_text:
 *
 * Returns: (nullable): `ctdText`, the text spoken (the memo given to addTask).
 */
const char *
bbh_task_detail_get_text (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->text;
}

/**
 * bbh_task_detail_get_result_type:
 *
 * Returns: (nullable): `ctdType`, the kind of answer.
 */
const char *
bbh_task_detail_get_result_type (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->result_type;
}

/**
 * bbh_task_detail_get_call_time:
 *
 * Returns: (nullable): `ctdCallTime`, when the number was dialled, as the server wrote it.
 */
const char *
bbh_task_detail_get_call_time (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->call_time;
}

/**
 * bbh_task_detail_get_begin_time:
 *
 * Returns: (nullable): `ctdBeginTime`, the dial time the document calls “拨号时长”.
 */
const char *
bbh_task_detail_get_begin_time (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->begin_time;
}

/**
 * bbh_task_detail_get_success_time:
 *
 * Returns: (nullable): `ctdSuccessTime`, when the callee answered.
 */
const char *
bbh_task_detail_get_success_time (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->success_time;
}

/**
 * bbh_task_detail_get_end_time:
 *
 * Returns: (nullable): `ctdEndTime`, when the call ended.
 */
const char *
bbh_task_detail_get_end_time (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->end_time;
}

/**
 * bbh_task_detail_get_talk_seconds:
 *
 * Returns: `ctdTimes`, the call's duration in seconds.
 */
int
bbh_task_detail_get_talk_seconds (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->talk_seconds;
}

/**
 * bbh_task_detail_get_call_talk_seconds:
 *
 * Returns: `ctdCallTalktimes`, the talk time in seconds.
 */
int
bbh_task_detail_get_call_talk_seconds (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->call_talk_seconds;
}

/**
 * bbh_task_detail_get_extension:
 *
 * Returns: (nullable): `ctdExtension`, the agent the call was transferred to.
 */
const char *
bbh_task_detail_get_extension (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->extension;
}

/**
 * bbh_task_detail_get_agent_name:
 *
 * Returns: (nullable): `exteName`, that agent's name.
 */
const char *
bbh_task_detail_get_agent_name (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->agent_name;
}

/**
 * bbh_task_detail_get_transfer_phone:
 *
 * Returns: (nullable): `ctdTransferPhone`, the number the call was transferred to.
 */
const char *
bbh_task_detail_get_transfer_phone (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->transfer_phone;
}

/**
 * bbh_task_detail_get_transfer_success_time:
 *
 * Returns: (nullable): `ctdTransferSuccessTime`, when the agent answered the transfer.
 */
const char *
bbh_task_detail_get_transfer_success_time (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->transfer_success_time;
}

/**
 * bbh_task_detail_get_transfer_end_time:
 *
 * Returns: (nullable): `ctdTransferEndTime`, when the transferred call ended.
 */
const char *
bbh_task_detail_get_transfer_end_time (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->transfer_end_time;
}

/**
 * bbh_task_detail_get_transfer_seconds:
 *
 * Returns: `ctdTransferTimes`, the transferred call's duration in seconds.
 */
int
bbh_task_detail_get_transfer_seconds (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->transfer_seconds;
}

/**
 * bbh_task_detail_get_sms_send_status:
 *
 * Returns: `ctdSmsSendStatus`, whether the flow's text message went out, or -1.
 */
int
bbh_task_detail_get_sms_send_status (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), -1);
  return self->sms_send_status;
}

/**
 * bbh_task_detail_get_result_code:
 *
 * Returns: `ctdResultCode`, the dial result code, or -1.
 */
int
bbh_task_detail_get_result_code (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), -1);
  return self->result_code;
}

/**
 * bbh_task_detail_get_result_value:
 *
 * Returns: `ctdResultValue`.
 */
int
bbh_task_detail_get_result_value (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->result_value;
}

/**
 * bbh_task_detail_get_result_text:
 *
 * Returns: (nullable): `ctd_ResultText`, what the callee said, as recognised.
 */
const char *
bbh_task_detail_get_result_text (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->result_text;
}

/**
 * bbh_task_detail_get_result_json:
 *
 * Returns: (nullable): `ctdResultJson`, the path of the conversation file.
 */
const char *
bbh_task_detail_get_result_json (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->result_json;
}

/**
 * bbh_task_detail_get_reason_type:
 *
 * Returns: (nullable): `cnrReasonType`, why the call ended.
 */
const char *
bbh_task_detail_get_reason_type (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->reason_type;
}

/**
 * bbh_task_detail_get_word:
 *
 * Returns: (nullable): `ctd_word`, the keyword recognised.
 */
const char *
bbh_task_detail_get_word (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->word;
}

/**
 * bbh_task_detail_get_all_words:
 *
 * Returns: (nullable): `ctd_all_word`, every keyword recognised.
 */
const char *
bbh_task_detail_get_all_words (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->all_words;
}

/**
 * bbh_task_detail_get_word_sum:
 *
 * Returns: `ctd_wordSum`, how many keywords were recognised.
 */
int
bbh_task_detail_get_word_sum (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->word_sum;
}

/**
 * bbh_task_detail_get_time_area:
 *
 * Returns: (nullable): `ctd_timeArea`.
 */
const char *
bbh_task_detail_get_time_area (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->time_area;
}

/**
 * bbh_task_detail_get_wav_file:
 *
 * Returns: (nullable): `ctdWavFile`, the recording, relative to the recordings path.
 */
const char *
bbh_task_detail_get_wav_file (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->wav_file;
}

/**
 * bbh_task_detail_get_wav_paths:
 *
 * Returns: (nullable): `ctdWavPaths`.
 */
const char *
bbh_task_detail_get_wav_paths (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->wav_paths;
}

/**
 * bbh_task_detail_get_sip_round:
 *
 * Returns: (nullable): `ctdSipRound`, the call's SIP steps, “21:49 SIP/…;21:58 answer;”.
 */
const char *
bbh_task_detail_get_sip_round (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), NULL);
  return self->sip_round;
}

/**
 * bbh_task_detail_get_redial_count:
 *
 * Returns: `ctdReNum`, how many times the number was dialled.
 */
int
bbh_task_detail_get_redial_count (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->redial_count;
}

/**
 * bbh_task_detail_get_wheel_sum:
 *
 * Returns: `ctdWheelSum`, the dialogue's rounds.
 */
int
bbh_task_detail_get_wheel_sum (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->wheel_sum;
}

/**
 * bbh_task_detail_get_call_time_ms:
 *
 * Returns: `ctdCallTime` as Unix milliseconds, 0 when the number was not dialled yet or the
 *   time was unreadable.
 */
gint64
bbh_task_detail_get_call_time_ms (BbhTaskDetail *self)
{
  g_return_val_if_fail (BBH_IS_TASK_DETAIL (self), 0);
  return self->call_time_ms;
}

/**
 * bbh_task_detail_describe_status:
 * @status: a #BbhTaskDetailStatus
 *
 * Returns: (transfer none): the number's state in words, translated.
 */
const char *
bbh_task_detail_describe_status (int status)
{
  switch (status)
    {
    case BBH_TASK_DETAIL_NOT_CALLED:
      return _("Not called yet");
    case BBH_TASK_DETAIL_CALLING:
      return _("Calling");
    case BBH_TASK_DETAIL_PAUSED:
      return _("Paused");
    case BBH_TASK_DETAIL_NOT_ANSWERED:
      return _("Not answered");
    case BBH_TASK_DETAIL_ANSWERED:
      return _("Answered");
    case BBH_TASK_DETAIL_TRANSFERRED:
      return _("Transferred to an agent");
    default:
      return _("Unknown state");
    }
}
