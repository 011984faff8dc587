/* bbh-task-phone.c
 *
 * getTaskDetailPhone (sections 2.1.8 and 2.7.2, "call next") hands out the next number of
 * the agent's outbound task. When the task has no numbers left the server answers success
 * with an empty or missing `phone`; that is not an error, it is "nothing to call": the
 * parse function returns NULL without an error and the finish function NULL too.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-task-phone"

#include "config.h"

#include "bbh-records-private.h"

struct _BbhTaskPhone
{
  GObject parent_instance;

  char   *phone;
  gint64  flow_id;
  gint64  task_id;
  gint64  task_detail_id;
};

G_DEFINE_FINAL_TYPE (BbhTaskPhone, bbh_task_phone, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHONE,
  PROP_FLOW_ID,
  PROP_TASK_DETAIL_ID,
  PROP_TASK_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

gpointer
bbh_task_phone_parse (JsonObject  *root,
                      GError     **error)
{
  g_autofree char *phone = NULL;
  BbhTaskPhone *self;
  JsonObject *o;

  o = bbh_records_find_object (root, "phone");
  if (o == NULL)
    return NULL;

  phone = bbh_json_dup_string (o, "phone");
  if (phone == NULL || *g_strstrip (phone) == '\0')
    return NULL;

  self = g_object_new (BBH_TYPE_TASK_PHONE, NULL);
  self->phone = g_steal_pointer (&phone);
  self->flow_id = bbh_json_get_int64 (o, "cfId", 0);
  self->task_detail_id = bbh_json_get_int64 (o, "ctdId", 0);
  /* Not in the document's answer (phone, cfId, ctdId); read when a server sends it. */
  self->task_id = bbh_json_get_int64 (o, "ctkId", 0);
  return self;
}

static void
bbh_task_phone_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  BbhTaskPhone *self = BBH_TASK_PHONE (object);

  switch (prop_id)
    {
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_FLOW_ID:
      g_value_set_int64 (value, self->flow_id);
      break;
    case PROP_TASK_DETAIL_ID:
      g_value_set_int64 (value, self->task_detail_id);
      break;
    case PROP_TASK_ID:
      g_value_set_int64 (value, self->task_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bbh_task_phone_finalize (GObject *object)
{
  BbhTaskPhone *self = BBH_TASK_PHONE (object);

  g_free (self->phone);

  G_OBJECT_CLASS (bbh_task_phone_parent_class)->finalize (object);
}

static void
bbh_task_phone_class_init (BbhTaskPhoneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_task_phone_get_property;
  object_class->finalize = bbh_task_phone_finalize;

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FLOW_ID] =
    g_param_spec_int64 ("flow-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TASK_DETAIL_ID] =
    g_param_spec_int64 ("task-detail-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_TASK_ID] =
    g_param_spec_int64 ("task-id", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
bbh_task_phone_init (BbhTaskPhone *self)
{
}

/* The number to call; never empty. */
const char *
bbh_task_phone_get_phone (BbhTaskPhone *self)
{
  g_return_val_if_fail (BBH_IS_TASK_PHONE (self), NULL);
  return self->phone;
}

/* cfId: the call flow the task follows; 0 when the server did not say. */
gint64
bbh_task_phone_get_flow_id (BbhTaskPhone *self)
{
  g_return_val_if_fail (BBH_IS_TASK_PHONE (self), 0);
  return self->flow_id;
}

/* ctdId: the task detail (row); send it back as dialCtdId with the call record. */
gint64
bbh_task_phone_get_task_detail_id (BbhTaskPhone *self)
{
  g_return_val_if_fail (BBH_IS_TASK_PHONE (self), 0);
  return self->task_detail_id;
}

/* ctkId: the task the number belongs to; 0 when the server did not say (the document's
 * answer does not name it). */
gint64
bbh_task_phone_get_task_id (BbhTaskPhone *self)
{
  g_return_val_if_fail (BBH_IS_TASK_PHONE (self), 0);
  return self->task_id;
}
