/* bbh-callback.c
 *
 * One row of getCallbackList, with every cbk* field of sections 2.3.1 and 2.3.2. The two
 * sections list the fields under different comments; the union is kept.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-callback"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "bbh-records-private.h"

struct _BbhCallback
{
  GObject parent_instance;

  gint64     id;
  gint64     extension_id;
  char      *source_phone;
  char      *dest_phone;
  int        raw_status;
  char      *create_time;
  GDateTime *create_date_time;
  char      *begin_time;
  char      *success_time;
  char      *end_time;
  int        talk_time;
  char      *transfer_success_time;
  char      *transfer_end_time;
  int        transfer_time;
  char      *result_code;
  char      *error_code;
  char      *wav_file;
  char      *extension;
  int        kind;
  char      *url;
};

G_DEFINE_FINAL_TYPE (BbhCallback, bbh_callback, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (BbhCallbackStatus, bbh_callback_status,
  G_DEFINE_ENUM_VALUE (BBH_CALLBACK_STATUS_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (BBH_CALLBACK_STATUS_NOT_CALLED, "not-called"),
  G_DEFINE_ENUM_VALUE (BBH_CALLBACK_STATUS_CALLING, "calling"),
  G_DEFINE_ENUM_VALUE (BBH_CALLBACK_STATUS_PAUSED, "paused"),
  G_DEFINE_ENUM_VALUE (BBH_CALLBACK_STATUS_NO_ANSWER, "no-answer"),
  G_DEFINE_ENUM_VALUE (BBH_CALLBACK_STATUS_ANSWERED, "answered"),
  G_DEFINE_ENUM_VALUE (BBH_CALLBACK_STATUS_TRANSFERRED, "transferred"))

enum {
  PROP_0,
  PROP_ID,
  PROP_EXTENSION_ID,
  PROP_SOURCE_PHONE,
  PROP_DEST_PHONE,
  PROP_STATUS,
  PROP_STATUS_TEXT,
  PROP_CREATE_TIME,
  PROP_CREATE_DATE_TIME,
  PROP_BEGIN_TIME,
  PROP_SUCCESS_TIME,
  PROP_END_TIME,
  PROP_TALK_TIME,
  PROP_TRANSFER_SUCCESS_TIME,
  PROP_TRANSFER_END_TIME,
  PROP_TRANSFER_TIME,
  PROP_RESULT_CODE,
  PROP_ERROR_CODE,
  PROP_WAV_FILE,
  PROP_EXTENSION,
  PROP_KIND,
  PROP_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * bbh_callback_status_to_string:
 *
 * Returns: a translated, human description of @status.
 */
const char *
bbh_callback_status_to_string (BbhCallbackStatus status)
{
  switch (status)
    {
    case BBH_CALLBACK_STATUS_NOT_CALLED:
      return _("Not yet called");
    case BBH_CALLBACK_STATUS_CALLING:
      return _("Calling");
    case BBH_CALLBACK_STATUS_PAUSED:
      return _("Paused");
    case BBH_CALLBACK_STATUS_NO_ANSWER:
      return _("No answer");
    case BBH_CALLBACK_STATUS_ANSWERED:
      return _("Answered");
    case BBH_CALLBACK_STATUS_TRANSFERRED:
      return _("Transferred");
    case BBH_CALLBACK_STATUS_UNKNOWN:
    default:
      return _("Unknown status");
    }
}

BbhCallbackStatus
bbh_callback_status_from_int (gint64 value)
{
  if (value >= BBH_CALLBACK_STATUS_NOT_CALLED && value <= BBH_CALLBACK_STATUS_TRANSFERRED)
    return (BbhCallbackStatus) value;
  return BBH_CALLBACK_STATUS_UNKNOWN;
}

gpointer
bbh_callback_parse (JsonObject *o)
{
  BbhCallback *self = g_object_new (BBH_TYPE_CALLBACK, NULL);

  self->id = bbh_json_get_int64_any (o, 0, "cbkId", "id", NULL);
  self->extension_id = bbh_json_get_int64_any (o, 0, "cbk_exteId", "cbkExteId", NULL);
  self->source_phone = bbh_json_dup_string (o, "cbkSourcePhone");
  self->dest_phone = bbh_json_dup_string (o, "cbkDescPhone");
  self->raw_status = bbh_json_get_int (o, "cbkStatus", BBH_CALLBACK_STATUS_UNKNOWN);
  self->create_time = bbh_json_dup_string (o, "cbkCreateTime");
  self->create_date_time = bbh_records_parse_time (self->create_time);
  self->begin_time = bbh_json_dup_string (o, "cbkBeginTime");
  self->success_time = bbh_json_dup_string_any (o, "cbkSuccessTime", "cbkSucessTime", NULL);
  self->end_time = bbh_json_dup_string (o, "cbkEndTime");
  self->talk_time = MAX (0, bbh_records_get_seconds (o, "cbkTimes", 0));
  self->transfer_success_time = bbh_json_dup_string_any (o, "cbkTransferSuccessTime",
                                                         "cbkTransferSucessTime", NULL);
  self->transfer_end_time = bbh_json_dup_string (o, "cbkTransferEndTime");
  self->transfer_time = MAX (0, bbh_records_get_seconds (o, "cbkTransferTimes", 0));
  self->result_code = bbh_json_dup_string (o, "cbkResultCode");
  self->error_code = bbh_json_dup_string (o, "cbkErrorCode");
  self->wav_file = bbh_json_dup_string (o, "cbkWavFile");
  self->extension = bbh_json_dup_string (o, "cbkExtension");
  self->kind = bbh_json_get_int (o, "cbkType", BBH_CALLBACK_KIND_CALLBACK);
  self->url = bbh_json_dup_string (o, "cbkUrl");

  return self;
}

static void
bbh_callback_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  BbhCallback *self = BBH_CALLBACK (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_EXTENSION_ID:
      g_value_set_int64 (value, self->extension_id);
      break;
    case PROP_SOURCE_PHONE:
      g_value_set_string (value, self->source_phone);
      break;
    case PROP_DEST_PHONE:
      g_value_set_string (value, self->dest_phone);
      break;
    case PROP_STATUS:
      g_value_set_enum (value, bbh_callback_get_status (self));
      break;
    case PROP_STATUS_TEXT:
      g_value_set_string (value, bbh_callback_get_status_text (self));
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
    case PROP_TALK_TIME:
      g_value_set_int (value, self->talk_time);
      break;
    case PROP_TRANSFER_SUCCESS_TIME:
      g_value_set_string (value, self->transfer_success_time);
      break;
    case PROP_TRANSFER_END_TIME:
      g_value_set_string (value, self->transfer_end_time);
      break;
    case PROP_TRANSFER_TIME:
      g_value_set_int (value, self->transfer_time);
      break;
    case PROP_RESULT_CODE:
      g_value_set_string (value, self->result_code);
      break;
    case PROP_ERROR_CODE:
      g_value_set_string (value, self->error_code);
      break;
    case PROP_WAV_FILE:
      g_value_set_string (value, self->wav_file);
      break;
    case PROP_EXTENSION:
      g_value_set_string (value, self->extension);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_URL:
      g_value_set_string (value, self->url);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_callback_finalize (GObject *object)
{
  BbhCallback *self = BBH_CALLBACK (object);

  g_free (self->source_phone);
  g_free (self->dest_phone);
  g_free (self->create_time);
  g_clear_pointer (&self->create_date_time, g_date_time_unref);
  g_free (self->begin_time);
  g_free (self->success_time);
  g_free (self->end_time);
  g_free (self->transfer_success_time);
  g_free (self->transfer_end_time);
  g_free (self->result_code);
  g_free (self->error_code);
  g_free (self->wav_file);
  g_free (self->extension);
  g_free (self->url);

  G_OBJECT_CLASS (bbh_callback_parent_class)->finalize (object);
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
bbh_callback_class_init (BbhCallbackClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_callback_get_property;
  object_class->finalize = bbh_callback_finalize;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTENSION_ID] =
    g_param_spec_int64 ("extension-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SOURCE_PHONE] = string_property ("source-phone");
  properties[PROP_DEST_PHONE] = string_property ("dest-phone");
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, BBH_TYPE_CALLBACK_STATUS,
                       BBH_CALLBACK_STATUS_UNKNOWN, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS_TEXT] = string_property ("status-text");
  properties[PROP_CREATE_TIME] = string_property ("create-time");
  properties[PROP_CREATE_DATE_TIME] =
    g_param_spec_boxed ("create-date-time", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_BEGIN_TIME] = string_property ("begin-time");
  properties[PROP_SUCCESS_TIME] = string_property ("success-time");
  properties[PROP_END_TIME] = string_property ("end-time");
  properties[PROP_TALK_TIME] = int_property ("talk-time");
  properties[PROP_TRANSFER_SUCCESS_TIME] = string_property ("transfer-success-time");
  properties[PROP_TRANSFER_END_TIME] = string_property ("transfer-end-time");
  properties[PROP_TRANSFER_TIME] = int_property ("transfer-time");
  properties[PROP_RESULT_CODE] = string_property ("result-code");
  properties[PROP_ERROR_CODE] = string_property ("error-code");
  properties[PROP_WAV_FILE] = string_property ("wav-file");
  properties[PROP_EXTENSION] = string_property ("extension");
  properties[PROP_KIND] = int_property ("kind");
  properties[PROP_URL] = string_property ("url");

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_callback_init (BbhCallback *self)
{
}

/* cbkId: the id callbackPhone returned. */
gint64
bbh_callback_get_id (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), 0);
  return self->id;
}

/* cbk_exteId: the agent's exteId. */
gint64
bbh_callback_get_extension_id (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), 0);
  return self->extension_id;
}

/* cbkSourcePhone: rung first (the agent, or the company's callback number). */
const char *
bbh_callback_get_source_phone (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->source_phone;
}

/* cbkDescPhone: the customer, put through once the source answers. */
const char *
bbh_callback_get_dest_phone (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->dest_phone;
}

BbhCallbackStatus
bbh_callback_get_status (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), BBH_CALLBACK_STATUS_UNKNOWN);
  return bbh_callback_status_from_int (self->raw_status);
}

/* cbkStatus as sent, also a value the document does not know; -1 when missing. */
int
bbh_callback_get_raw_status (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), BBH_CALLBACK_STATUS_UNKNOWN);
  return self->raw_status;
}

const char *
bbh_callback_get_status_text (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return bbh_callback_status_to_string (bbh_callback_get_status (self));
}

const char *
bbh_callback_get_create_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->create_time;
}

/**
 * bbh_callback_get_create_date_time:
 *
 * Returns: (transfer none) (nullable): cbkCreateTime in local time, %NULL when malformed.
 */
GDateTime *
bbh_callback_get_create_date_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->create_date_time;
}

const char *
bbh_callback_get_begin_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->begin_time;
}

const char *
bbh_callback_get_success_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->success_time;
}

const char *
bbh_callback_get_end_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->end_time;
}

/* cbkTimes: seconds answered. */
int
bbh_callback_get_talk_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), 0);
  return self->talk_time;
}

const char *
bbh_callback_get_transfer_success_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->transfer_success_time;
}

const char *
bbh_callback_get_transfer_end_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->transfer_end_time;
}

/* cbkTransferTimes: seconds talked after the transfer. */
int
bbh_callback_get_transfer_time (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), 0);
  return self->transfer_time;
}

const char *
bbh_callback_get_result_code (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->result_code;
}

const char *
bbh_callback_get_error_code (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->error_code;
}

/* cbkWavFile: the recording, relative to {base}/voip/record/. */
const char *
bbh_callback_get_wav_file (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->wav_file;
}

const char *
bbh_callback_get_extension (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->extension;
}

/* cbkType as sent: a #BbhCallbackKind, or another value the document does not know. */
int
bbh_callback_get_kind (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), 0);
  return self->kind;
}

/* cbkUrl: the notification URL, as the server stored it. */
const char *
bbh_callback_get_url (BbhCallback *self)
{
  g_return_val_if_fail (BBH_IS_CALLBACK (self), NULL);
  return self->url;
}
