/* bbh-queued-call.c
 *
 * Section 2.2.2: channelName, callinTel, createTime and queueId. createTime is the
 * server's local wall time ("2024-05-01 09:30:00") or, on some servers, Unix time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-queued-call"

#include "config.h"

#include "bbh-admin-private.h"
#include "bbh-queued-call-private.h"

struct _BbhQueuedCall
{
  GObject parent_instance;

  gint64     queue_id;
  char      *channel_name;
  char      *phone;
  char      *create_time_text;
  gint64     create_time_ms;
  GDateTime *create_time;
};

G_DEFINE_FINAL_TYPE (BbhQueuedCall, bbh_queued_call, G_TYPE_OBJECT)

static const BbhAdminField fields[] = {
  BBH_ADMIN_INT64  ("queue-id", "queueId", NULL, BbhQueuedCall, queue_id, 0),
  BBH_ADMIN_STRING ("channel-name", "channelName", NULL, BbhQueuedCall, channel_name),
  BBH_ADMIN_STRING ("phone", "callinTel", "phone", BbhQueuedCall, phone),
  BBH_ADMIN_STRING ("create-time-text", "createTime", NULL, BbhQueuedCall, create_time_text),
};

enum {
  PROP_CREATE_TIME_MS = G_N_ELEMENTS (fields) + 1,
  PROP_CREATE_TIME,
};

gpointer
bbh_queued_call_new_from_json (JsonObject *row)
{
  BbhQueuedCall *self = g_object_new (BBH_TYPE_QUEUED_CALL, NULL);

  bbh_admin_fields_parse (self, fields, G_N_ELEMENTS (fields), row);
  self->create_time_ms = bbh_admin_parse_time_ms (self->create_time_text);
  self->create_time = bbh_admin_date_time_from_ms (self->create_time_ms);
  return self;
}

static void
bbh_queued_call_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  BbhQueuedCall *self = BBH_QUEUED_CALL (object);

  if (prop_id == PROP_CREATE_TIME_MS)
    g_value_set_int64 (value, self->create_time_ms);
  else if (prop_id == PROP_CREATE_TIME)
    g_value_set_boxed (value, self->create_time);
  else if (!bbh_admin_fields_get_property (object, fields, G_N_ELEMENTS (fields), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bbh_queued_call_finalize (GObject *object)
{
  BbhQueuedCall *self = BBH_QUEUED_CALL (object);

  bbh_admin_fields_free (object, fields, G_N_ELEMENTS (fields));
  g_clear_pointer (&self->create_time, g_date_time_unref);

  G_OBJECT_CLASS (bbh_queued_call_parent_class)->finalize (object);
}

static void
bbh_queued_call_class_init (BbhQueuedCallClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_queued_call_get_property;
  object_class->finalize = bbh_queued_call_finalize;

  bbh_admin_fields_install (object_class, fields, G_N_ELEMENTS (fields));
  g_object_class_install_property (object_class, PROP_CREATE_TIME_MS,
                                   g_param_spec_int64 ("create-time-ms", NULL, NULL,
                                                       G_MININT64, G_MAXINT64, 0,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  g_object_class_install_property (object_class, PROP_CREATE_TIME,
                                   g_param_spec_boxed ("create-time", NULL, NULL, G_TYPE_DATE_TIME,
                                                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
}

static void
bbh_queued_call_init (BbhQueuedCall *self)
{
}

/**
 * bbh_queued_call_get_queue_id:
 *
 * Returns: `queueId` (64-bit).
 */
gint64
bbh_queued_call_get_queue_id (BbhQueuedCall *self)
{
  g_return_val_if_fail (BBH_IS_QUEUED_CALL (self), 0);
  return self->queue_id;
}

const char *
bbh_queued_call_get_channel_name (BbhQueuedCall *self)
{
  g_return_val_if_fail (BBH_IS_QUEUED_CALL (self), NULL);
  return self->channel_name;
}

/**
 * bbh_queued_call_get_phone:
 *
 * Returns: (nullable): `callinTel`, the caller's number.
 */
const char *
bbh_queued_call_get_phone (BbhQueuedCall *self)
{
  g_return_val_if_fail (BBH_IS_QUEUED_CALL (self), NULL);
  return self->phone;
}

/**
 * bbh_queued_call_get_create_time_text:
 *
 * Returns: (nullable): `createTime` as the server wrote it.
 */
const char *
bbh_queued_call_get_create_time_text (BbhQueuedCall *self)
{
  g_return_val_if_fail (BBH_IS_QUEUED_CALL (self), NULL);
  return self->create_time_text;
}

/**
 * bbh_queued_call_get_create_time_ms:
 *
 * Returns: when the call arrived, Unix milliseconds; 0 when the server's time was unreadable.
 */
gint64
bbh_queued_call_get_create_time_ms (BbhQueuedCall *self)
{
  g_return_val_if_fail (BBH_IS_QUEUED_CALL (self), 0);
  return self->create_time_ms;
}

/**
 * bbh_queued_call_get_create_time:
 *
 * Returns: (transfer none) (nullable): when the call arrived, in the local time zone.
 */
GDateTime *
bbh_queued_call_get_create_time (BbhQueuedCall *self)
{
  g_return_val_if_fail (BBH_IS_QUEUED_CALL (self), NULL);
  return self->create_time;
}
