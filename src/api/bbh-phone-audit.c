/* bbh-phone-audit.c
 *
 * One row of getPhoneAudit with every ws* field of section 2.4.3, spelled as the document
 * spells them: `ws_exteId`, `ws_tyConnectId` and `WsResultKey` with its capital W (the
 * lower-case `wsResultKey` is read as well).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-phone-audit"

#include "config.h"

#include "bbh-records-private.h"

struct _BbhPhoneAudit
{
  GObject parent_instance;

  gint64     id;
  int        raw_status;
  int        talk_time;
  char      *phone;
  char      *create_time;
  GDateTime *create_date_time;
  char      *begin_time;
  char      *success_time;
  char      *end_time;
  gint64     extension_id;
  char      *value;
  int        kind;
  char      *record_path;
  char      *result_key;
  gint64     connect_id;
  char      *sip_round;
  char      *show_phone;
};

G_DEFINE_FINAL_TYPE (BbhPhoneAudit, bbh_phone_audit, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  PROP_TALK_TIME,
  PROP_PHONE,
  PROP_CREATE_TIME,
  PROP_CREATE_DATE_TIME,
  PROP_BEGIN_TIME,
  PROP_SUCCESS_TIME,
  PROP_END_TIME,
  PROP_EXTENSION_ID,
  PROP_VALUE,
  PROP_KIND,
  PROP_RECORD_PATH,
  PROP_RESULT_KEY,
  PROP_CONNECT_ID,
  PROP_SIP_ROUND,
  PROP_SHOW_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gpointer
bbh_phone_audit_parse (JsonObject *o)
{
  BbhPhoneAudit *self = g_object_new (BBH_TYPE_PHONE_AUDIT, NULL);

  self->id = bbh_json_get_int64 (o, "wsId", 0);
  self->raw_status = bbh_json_get_int (o, "wsStatus", BBH_CALLBACK_STATUS_UNKNOWN);
  self->talk_time = MAX (0, bbh_records_get_seconds (o, "wsTalkTimes", 0));
  self->phone = bbh_json_dup_string (o, "wsPhone");
  self->create_time = bbh_json_dup_string (o, "wsCreateTime");
  self->create_date_time = bbh_records_parse_time (self->create_time);
  self->begin_time = bbh_json_dup_string (o, "wsBeginTime");
  self->success_time = bbh_json_dup_string_any (o, "wsSuccessTime", "wsSucessTime", NULL);
  self->end_time = bbh_json_dup_string (o, "wsEndTime");
  self->extension_id = bbh_json_get_int64_any (o, 0, "ws_exteId", "wsExteId", NULL);
  self->value = bbh_json_dup_string (o, "wsValue");
  self->kind = bbh_json_get_int (o, "wsType", 0);
  self->record_path = bbh_json_dup_string (o, "wsRecordPath");
  self->result_key = bbh_json_dup_string_any (o, "WsResultKey", "wsResultKey", NULL);
  self->connect_id = bbh_json_get_int64_any (o, 0, "ws_tyConnectId", "wsTyConnectId", NULL);
  self->sip_round = bbh_json_dup_string (o, "wsSipRound");
  self->show_phone = bbh_json_dup_string (o, "wsShowPhone");

  return self;
}

static void
bbh_phone_audit_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbhPhoneAudit *self = BBH_PHONE_AUDIT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, bbh_phone_audit_get_status (self));
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, bbh_phone_audit_get_status_text (self));
      break;
    case PROP_TALK_TIME:
      g_value_set_int (value, self->talk_time);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_CREATE_TIME:
      g_value_set_string (value, self->create_time);
      break;
    case PROP_CREATE_DATE_TIME:
      g_value_set_boxed (value, self->create_date_time);
      break;
    case PROP_BEGIN_TIME:
      g_value_set_string (value, self->begin_time);
      break;
    case PROP_SUCCESS_TIME:
      g_value_set_string (value, self->success_time);
      break;
    case PROP_END_TIME:
      g_value_set_string (value, self->end_time);
      break;
    case PROP_EXTENSION_ID:
      g_value_set_int64 (value, self->extension_id);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_RECORD_PATH:
      g_value_set_string (value, self->record_path);
      break;
    case PROP_RESULT_KEY:
      g_value_set_string (value, self->result_key);
      break;
    case PROP_CONNECT_ID:
      g_value_set_int64 (value, self->connect_id);
      break;
    case PROP_SIP_ROUND:
      g_value_set_string (value, self->sip_round);
      break;
    case PROP_SHOW_PHONE:
      g_value_set_string (value, self->show_phone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_phone_audit_finalize (GObject *object)
{
  BbhPhoneAudit *self = BBH_PHONE_AUDIT (object);

  g_free (self->phone);
  g_free (self->create_time);
  g_clear_pointer (&self->create_date_time, g_date_time_unref);
  g_free (self->begin_time);
  g_free (self->success_time);
  g_free (self->end_time);
  g_free (self->value);
  g_free (self->record_path);
  g_free (self->result_key);
  g_free (self->sip_round);
  g_free (self->show_phone);

  G_OBJECT_CLASS (bbh_phone_audit_parent_class)->finalize (object);
}

static GParamSpec *
string_property (const char *name)
{
  return g_param_spec_string (name, NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static GParamSpec *
int64_property (const char *name)
{
  return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64, 0,
                             G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
}

static void
bbh_phone_audit_class_init (BbhPhoneAuditClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_phone_audit_get_property;
  object_class->finalize = bbh_phone_audit_finalize;

  properties[PROP_ID] = int64_property ("id");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, BBH_TYPE_CALLBACK_STATUS,
                       BBH_CALLBACK_STATUS_UNKNOWN, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] = string_property ("status-text");
  properties[PROP_TALK_TIME] =
    g_param_spec_int ("talk-time", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHONE] = string_property ("phone");
  properties[PROP_CREATE_TIME] = string_property ("create-time");
  properties[PROP_CREATE_DATE_TIME] =
    g_param_spec_boxed ("create-date-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEGIN_TIME] = string_property ("begin-time");
  properties[PROP_SUCCESS_TIME] = string_property ("success-time");
  properties[PROP_END_TIME] = string_property ("end-time");
  properties[PROP_EXTENSION_ID] = int64_property ("extension-id");
  properties[PROP_VALUE] = string_property ("value");
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORD_PATH] = string_property ("record-path");
  properties[PROP_RESULT_KEY] = string_property ("result-key");
  properties[PROP_CONNECT_ID] = int64_property ("connect-id");
  properties[PROP_SIP_ROUND] = string_property ("sip-round");
  properties[PROP_SHOW_PHONE] = string_property ("show-phone");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_phone_audit_init (BbhPhoneAudit *self)
{
}

/* wsId: the id phoneAudit returned. */
gint64
bbh_phone_audit_get_id (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), 0);
  return self->id;
}

/* wsStatus, which has the same values as a callback's status. */
BbhCallbackStatus
bbh_phone_audit_get_status (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), BBH_CALLBACK_STATUS_UNKNOWN);
  return bbh_callback_status_from_int (self->raw_status);
}

int
bbh_phone_audit_get_raw_status (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), BBH_CALLBACK_STATUS_UNKNOWN);
  return self->raw_status;
}

const char *
bbh_phone_audit_get_status_text (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return bbh_callback_status_to_string (bbh_phone_audit_get_status (self));
}

/* wsTalkTimes, seconds. */
int
bbh_phone_audit_get_talk_time (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), 0);
  return self->talk_time;
}

const char *
bbh_phone_audit_get_phone (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->phone;
}

const char *
bbh_phone_audit_get_create_time (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->create_time;
}

/**
 * bbh_phone_audit_get_create_date_time:
 *
 * Returns: (transfer none) (nullable): wsCreateTime in local time; %NULL when malformed.
 */
GDateTime *
bbh_phone_audit_get_create_date_time (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->create_date_time;
}

const char *
bbh_phone_audit_get_begin_time (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->begin_time;
}

const char *
bbh_phone_audit_get_success_time (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->success_time;
}

const char *
bbh_phone_audit_get_end_time (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->end_time;
}

/* ws_exteId: the agent the call belongs to. */
gint64
bbh_phone_audit_get_extension_id (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), 0);
  return self->extension_id;
}

/* wsValue: the text or code that was read out. */
const char *
bbh_phone_audit_get_value (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->value;
}

/* wsType as sent: usually a #BbhVoiceKind. */
int
bbh_phone_audit_get_kind (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), 0);
  return self->kind;
}

/* Relative to {base}/voip/record/. */
const char *
bbh_phone_audit_get_record_path (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->record_path;
}

/* WsResultKey: the keys the callee pressed. */
const char *
bbh_phone_audit_get_result_key (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->result_key;
}

/* ws_tyConnectId: the caller's own id, as given to phoneAudit. */
gint64
bbh_phone_audit_get_connect_id (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), 0);
  return self->connect_id;
}

/* wsSipRound: the trunk the call went out on. */
const char *
bbh_phone_audit_get_sip_round (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->sip_round;
}

const char *
bbh_phone_audit_get_show_phone (BbhPhoneAudit *self)
{
  g_return_val_if_fail (BBH_IS_PHONE_AUDIT (self), NULL);
  return self->show_phone;
}
