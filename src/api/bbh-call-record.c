/* bbh-call-record.c
 *
 * One row of findDialrecord. Sections 2.4.1 and 2.7.1 describe the same method with
 * slightly different field lists; every field of both is kept. The wire is lenient: cdrId
 * can exceed 2^53 and arrive as a string, cdrTalktime is a number or a string, and the
 * answer time is spelled cdrSucessTime (the document's typo) or cdrSuccessTime.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-call-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-records-private.h"

struct _BbhCallRecord
{
  GObject parent_instance;

  gint64     id;
  char      *start_time;
  GDateTime *start_date_time;
  char      *success_time;
  GDateTime *success_date_time;
  char      *hangup_time;
  GDateTime *hangup_date_time;
  char      *extension;
  char      *extension_name;
  char      *phone;
  char      *called_name;
  int        peer;
  int        talk_time;
  char      *hangup_reason_code;
  char      *hangup_reason_text;
  char      *ivr;
  char      *ivr_key;
  char      *record_file;
  char      *cmm_id;
  char      *trunk_route;
  int        charging_times;
  char      *last_phone;
  char      *extension_ip;
  char      *extension_port;
  char      *phone_ip;
  char      *phone_port;
};

G_DEFINE_FINAL_TYPE (BbhCallRecord, bbh_call_record, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BbhCallDirection, bbh_call_direction,
  G_DEFINE_ENUM_VALUE (BBH_CALL_DIRECTION_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (BBH_CALL_DIRECTION_OUT, "out"),
  G_DEFINE_ENUM_VALUE (BBH_CALL_DIRECTION_IN, "in"),
  G_DEFINE_ENUM_VALUE (BBH_CALL_DIRECTION_CAMPAIGN_OUT, "campaign-out"),
  G_DEFINE_ENUM_VALUE (BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED, "campaign-answered"),
  G_DEFINE_ENUM_VALUE (BBH_CALL_DIRECTION_VOICEMAIL, "voicemail"))

enum {
  PROP_0,
  PROP_ID,
  PROP_START_TIME,
  PROP_START_DATE_TIME,
  PROP_SUCCESS_TIME,
  PROP_HANGUP_TIME,
  PROP_EXTENSION,
  PROP_EXTENSION_NAME,
  PROP_PHONE,
  PROP_CALLED_NAME,
  PROP_PEER,
  PROP_DIRECTION,
  PROP_TALK_TIME,
  PROP_HANGUP_REASON_CODE,
  PROP_HANGUP_REASON_TEXT,
  PROP_IVR,
  PROP_IVR_KEY,
  PROP_RECORD_FILE,
  PROP_HAS_RECORDING,
  PROP_CMM_ID,
  PROP_TRUNK_ROUTE,
  PROP_CHARGING_TIMES,
  PROP_LAST_PHONE,
  PROP_EXTENSION_IP,
  PROP_EXTENSION_PORT,
  PROP_PHONE_IP,
  PROP_PHONE_PORT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * bbh_call_direction_to_string:
 *
 * Returns: a translated, human name for @direction, such as “Incoming”.
 */
const char *
bbh_call_direction_to_string (BbhCallDirection direction)
{
  switch (direction)
    {
    case BBH_CALL_DIRECTION_OUT:
      return _("Outgoing");
    case BBH_CALL_DIRECTION_IN:
      return _("Incoming");
    case BBH_CALL_DIRECTION_CAMPAIGN_OUT:
      return _("Campaign call");
    case BBH_CALL_DIRECTION_CAMPAIGN_ANSWERED:
      return _("Campaign call, answered");
    case BBH_CALL_DIRECTION_VOICEMAIL:
      return _("Voice message");
    case BBH_CALL_DIRECTION_UNKNOWN:
    default:
      return _("Unknown direction");
    }
}

/* A row without a readable cdrId is still a call the agent made: it is kept with id 0
 * (which nothing on the server uses), it just cannot be played or looked up. */
gpointer
bbh_call_record_parse (JsonObject *o)
{
  BbhCallRecord *self;

  self = g_object_new (BBH_TYPE_CALL_RECORD, NULL);
  self->id = bbh_json_get_int64 (o, "cdrId", 0);
  self->start_time = bbh_json_dup_string (o, "cdrStartTime");
  self->start_date_time = bbh_records_parse_time (self->start_time);
  self->success_time = bbh_json_dup_string_any (o, "cdrSucessTime", "cdrSuccessTime", NULL);
  self->success_date_time = bbh_records_parse_time (self->success_time);
  self->hangup_time = bbh_json_dup_string (o, "cdrHangupTime");
  self->hangup_date_time = bbh_records_parse_time (self->hangup_time);
  self->extension = bbh_json_dup_string (o, "cdrExtension");
  self->extension_name = bbh_json_dup_string (o, "exteName");
  self->phone = bbh_json_dup_string (o, "cdrPhoneNum");
  self->called_name = bbh_json_dup_string (o, "cdrCalledName");
  self->peer = bbh_json_get_int (o, "cdrPeer", 0);
  self->talk_time = MAX (0, bbh_records_get_seconds (o, "cdrTalktime", 0));
  self->hangup_reason_code = bbh_json_dup_string (o, "cdrHangupReasonCode");
  self->hangup_reason_text = bbh_json_dup_string (o, "cdrHangupReasonText");
  self->ivr = bbh_json_dup_string (o, "cdrIVR");
  self->ivr_key = bbh_json_dup_string (o, "cdrIVRKey");
  self->record_file = bbh_json_dup_string (o, "cdrRecordFile");
  self->cmm_id = bbh_json_dup_string (o, "cdrCmmId");
  self->trunk_route = bbh_json_dup_string (o, "cdrTrunkRoute");
  self->charging_times = bbh_json_get_int (o, "cdrChargingTimes", 0);
  self->last_phone = bbh_json_dup_string (o, "cdrLastPhoneNum");
  self->extension_ip = bbh_json_dup_string (o, "cdrExtensionIp");
  self->extension_port = bbh_json_dup_string (o, "cdrExtensionPort");
  self->phone_ip = bbh_json_dup_string (o, "cdrPhoneIp");
  self->phone_port = bbh_json_dup_string (o, "cdrPhonePort");

  return self;
}

static void
bbh_call_record_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbhCallRecord *self = BBH_CALL_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_START_TIME:
      g_value_set_string (value, self->start_time);
      break;
    case PROP_START_DATE_TIME:
      g_value_set_boxed (value, self->start_date_time);
      break;
    case PROP_SUCCESS_TIME:
      g_value_set_string (value, self->success_time);
      break;
    case PROP_HANGUP_TIME:
      g_value_set_string (value, self->hangup_time);
      break;
    case PROP_EXTENSION:
      g_value_set_string (value, self->extension);
      break;
    case PROP_EXTENSION_NAME:
      g_value_set_string (value, self->extension_name);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_CALLED_NAME:
      g_value_set_string (value, self->called_name);
      break;
    case PROP_PEER:
      g_value_set_int (value, self->peer);
      break;
    case PROP_DIRECTION:
      g_value_set_enum (value, bbh_call_record_get_direction (self));
      break;
    case PROP_TALK_TIME:
      g_value_set_int (value, self->talk_time);
      break;
    case PROP_HANGUP_REASON_CODE:
      g_value_set_string (value, self->hangup_reason_code);
      break;
    case PROP_HANGUP_REASON_TEXT:
      g_value_set_string (value, self->hangup_reason_text);
      break;
    case PROP_IVR:
      g_value_set_string (value, self->ivr);
      break;
    case PROP_IVR_KEY:
      g_value_set_string (value, self->ivr_key);
      break;
    case PROP_RECORD_FILE:
      g_value_set_string (value, self->record_file);
      break;
    case PROP_HAS_RECORDING:
      g_value_set_boolean (value, bbh_call_record_has_recording (self));
      break;
    case PROP_CMM_ID:
      g_value_set_string (value, self->cmm_id);
      break;
    case PROP_TRUNK_ROUTE:
      g_value_set_string (value, self->trunk_route);
      break;
    case PROP_CHARGING_TIMES:
      g_value_set_int (value, self->charging_times);
      break;
    case PROP_LAST_PHONE:
      g_value_set_string (value, self->last_phone);
      break;
    case PROP_EXTENSION_IP:
      g_value_set_string (value, self->extension_ip);
      break;
    case PROP_EXTENSION_PORT:
      g_value_set_string (value, self->extension_port);
      break;
    case PROP_PHONE_IP:
      g_value_set_string (value, self->phone_ip);
      break;
    case PROP_PHONE_PORT:
      g_value_set_string (value, self->phone_port);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_call_record_finalize (GObject *object)
{
  BbhCallRecord *self = BBH_CALL_RECORD (object);

  g_free (self->start_time);
  g_clear_pointer (&self->start_date_time, g_date_time_unref);
  g_free (self->success_time);
  g_clear_pointer (&self->success_date_time, g_date_time_unref);
  g_free (self->hangup_time);
  g_clear_pointer (&self->hangup_date_time, g_date_time_unref);
  g_free (self->extension);
  g_free (self->extension_name);
  g_free (self->phone);
  g_free (self->called_name);
  g_free (self->hangup_reason_code);
  g_free (self->hangup_reason_text);
  g_free (self->ivr);
  g_free (self->ivr_key);
  g_free (self->record_file);
  g_free (self->cmm_id);
  g_free (self->trunk_route);
  g_free (self->last_phone);
  g_free (self->extension_ip);
  g_free (self->extension_port);
  g_free (self->phone_ip);
  g_free (self->phone_port);

  G_OBJECT_CLASS (bbh_call_record_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int_property (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0,
                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
bbh_call_record_class_init (BbhCallRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_call_record_get_property;
  object_class->finalize = bbh_call_record_finalize;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_START_TIME] = string_property ("start-time");
  properties[PROP_START_DATE_TIME] =
    g_param_spec_boxed ("start-date-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUCCESS_TIME] = string_property ("success-time");
  properties[PROP_HANGUP_TIME] = string_property ("hangup-time");
  properties[PROP_EXTENSION] = string_property ("extension");
  properties[PROP_EXTENSION_NAME] = string_property ("extension-name");
  properties[PROP_PHONE] = string_property ("phone");
  properties[PROP_CALLED_NAME] = string_property ("called-name");
  properties[PROP_PEER] = int_property ("peer");
  properties[PROP_DIRECTION] =
    g_param_spec_enum ("direction", NULL, NULL, BBH_TYPE_CALL_DIRECTION,
                       BBH_CALL_DIRECTION_UNKNOWN, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TALK_TIME] = int_property ("talk-time");
  properties[PROP_HANGUP_REASON_CODE] = string_property ("hangup-reason-code");
  properties[PROP_HANGUP_REASON_TEXT] = string_property ("hangup-reason-text");
  properties[PROP_IVR] = string_property ("ivr");
  properties[PROP_IVR_KEY] = string_property ("ivr-key");
  properties[PROP_RECORD_FILE] = string_property ("record-file");
  properties[PROP_HAS_RECORDING] =
    g_param_spec_boolean ("has-recording", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CMM_ID] = string_property ("cmm-id");
  properties[PROP_TRUNK_ROUTE] = string_property ("trunk-route");
  properties[PROP_CHARGING_TIMES] = int_property ("charging-times");
  properties[PROP_LAST_PHONE] = string_property ("last-phone");
  properties[PROP_EXTENSION_IP] = string_property ("extension-ip");
  properties[PROP_EXTENSION_PORT] = string_property ("extension-port");
  properties[PROP_PHONE_IP] = string_property ("phone-ip");
  properties[PROP_PHONE_PORT] = string_property ("phone-port");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_call_record_init (BbhCallRecord *self)
{
}

/* cdrId: 64-bit, never through a double. */
gint64
bbh_call_record_get_id (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), 0);
  return self->id;
}

/* As the server sent it, "yyyy-mm-dd hh:mm:ss". */
const char *
bbh_call_record_get_start_time (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->start_time;
}

/**
 * bbh_call_record_get_start_date_time:
 *
 * Returns: (transfer none) (nullable): cdrStartTime in local time; %NULL when the server sent
 *   none or a malformed one.
 */
GDateTime *
bbh_call_record_get_start_date_time (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->start_date_time;
}

/* cdrSucessTime or cdrSuccessTime: when the call was answered. */
const char *
bbh_call_record_get_success_time (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->success_time;
}

/**
 * bbh_call_record_get_success_date_time:
 *
 * Returns: (transfer none) (nullable): the answer time, or %NULL.
 */
GDateTime *
bbh_call_record_get_success_date_time (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->success_date_time;
}

const char *
bbh_call_record_get_hangup_time (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->hangup_time;
}

/**
 * bbh_call_record_get_hangup_date_time:
 *
 * Returns: (transfer none) (nullable): the hang-up time, or %NULL.
 */
GDateTime *
bbh_call_record_get_hangup_date_time (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->hangup_date_time;
}

const char *
bbh_call_record_get_extension (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->extension;
}

/* exteName: the agent's name. */
const char *
bbh_call_record_get_extension_name (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->extension_name;
}

/* cdrPhoneNum: the other party's number. */
const char *
bbh_call_record_get_phone (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->phone;
}

const char *
bbh_call_record_get_called_name (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->called_name;
}

/* cdrPeer as sent, also when it is a value the document does not know. */
int
bbh_call_record_get_peer (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), 0);
  return self->peer;
}

BbhCallDirection
bbh_call_record_get_direction (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), BBH_CALL_DIRECTION_UNKNOWN);

  if (self->peer >= BBH_CALL_DIRECTION_OUT && self->peer <= BBH_CALL_DIRECTION_VOICEMAIL)
    return (BbhCallDirection) self->peer;
  return BBH_CALL_DIRECTION_UNKNOWN;
}

/* cdrTalktime in seconds; 0 for an unanswered call. */
int
bbh_call_record_get_talk_time (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), 0);
  return self->talk_time;
}

const char *
bbh_call_record_get_hangup_reason_code (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->hangup_reason_code;
}

const char *
bbh_call_record_get_hangup_reason_text (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->hangup_reason_text;
}

const char *
bbh_call_record_get_ivr (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->ivr;
}

const char *
bbh_call_record_get_ivr_key (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->ivr_key;
}

/* Relative to {base}/voip/record/. */
const char *
bbh_call_record_get_record_file (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->record_file;
}

gboolean
bbh_call_record_has_recording (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), FALSE);
  return self->record_file != NULL && *self->record_file != '\0';
}

/* cdrCmmId, the relation id; kept as text since the document gives it no type. */
const char *
bbh_call_record_get_cmm_id (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->cmm_id;
}

const char *
bbh_call_record_get_trunk_route (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->trunk_route;
}

/* cdrChargingTimes: billed minutes. */
int
bbh_call_record_get_charging_times (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), 0);
  return self->charging_times;
}

/* cdrLastPhoneNum: the number last dialled, without leading zeros. */
const char *
bbh_call_record_get_last_phone (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->last_phone;
}

const char *
bbh_call_record_get_extension_ip (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->extension_ip;
}

const char *
bbh_call_record_get_extension_port (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->extension_port;
}

const char *
bbh_call_record_get_phone_ip (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->phone_ip;
}

const char *
bbh_call_record_get_phone_port (BbhCallRecord *self)
{
  g_return_val_if_fail (BBH_IS_CALL_RECORD (self), NULL);
  return self->phone_port;
}
