/* bbh-task-count.c
 *
 * One row of findTaskMx's `groupData` (section 2.10.3): ctkId, ctdStatus, num.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-task-count"

#include "config.h"

#include "bbh-admin-private.h"
#include "bbh-task-count-private.h"

struct _BbhTaskCount
{
  GObject parent_instance;

  gint64 task_id;
  int    status;
  gint64 count;
};

G_DEFINE_FINAL_TYPE (BbhTaskCount, bbh_task_count, G_TYPE_OBJECT)

static const BbhAdminField fields[] = {
  BBH_ADMIN_INT64 ("task-id", "ctkId", "ctd_ctkId", BbhTaskCount, task_id, 0),
  BBH_ADMIN_INT   ("status", "ctdStatus", NULL, BbhTaskCount, status, -1),
  BBH_ADMIN_INT64 ("count", "num", "count", BbhTaskCount, count, 0),
};

gpointer
bbh_task_count_new_from_json (JsonObject *row)
{
  BbhTaskCount *self;

  if (!json_object_has_member (row, "ctdStatus"))
    return NULL;

  self = g_object_new (BBH_TYPE_TASK_COUNT, NULL);
  bbh_admin_fields_parse (self, fields, G_N_ELEMENTS (fields), row);
  return self;
}

static void
bbh_task_count_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  if (!bbh_admin_fields_get_property (object, fields, G_N_ELEMENTS (fields), prop_id, value))
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bbh_task_count_class_init (BbhTaskCountClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bbh_task_count_get_property;

  bbh_admin_fields_install (object_class, fields, G_N_ELEMENTS (fields));
}

static void
bbh_task_count_init (BbhTaskCount *self)
{
}

/**
 * bbh_task_count_get_task_id:
 *
 * Returns: `ctkId`, the task (64-bit).
 */
gint64
bbh_task_count_get_task_id (BbhTaskCount *self)
{
  g_return_val_if_fail (BBH_IS_TASK_COUNT (self), 0);
  return self->task_id;
}

/**
 * bbh_task_count_get_status:
 *
 * Returns: `ctdStatus`, a #BbhTaskDetailStatus; see bbh_task_detail_describe_status().
 */
int
bbh_task_count_get_status (BbhTaskCount *self)
{
  g_return_val_if_fail (BBH_IS_TASK_COUNT (self), -1);
  return self->status;
}

/**
 * bbh_task_count_get_count:
 *
 * Returns: `num`, how many numbers of the task are in that state.
 */
gint64
bbh_task_count_get_count (BbhTaskCount *self)
{
  g_return_val_if_fail (BBH_IS_TASK_COUNT (self), 0);
  return self->count;
}
