/* bbh-params.c — request parameters, in order
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "bbh-params"

#include "config.h"

#include "bbh-client-private.h"

struct _BbhParams
{
  GPtrArray *names;
  GPtrArray *values;
};

BbhParams *
bbh_params_new (void)
{
  BbhParams *params = g_new0 (BbhParams, 1);

  params->names = g_ptr_array_new_with_free_func (g_free);
  params->values = g_ptr_array_new_with_free_func (g_free);
  return params;
}

void
bbh_params_free (BbhParams *params)
{
  if (params == NULL)
    return;
  g_ptr_array_unref (params->names);
  g_ptr_array_unref (params->values);
  g_free (params);
}

void
bbh_params_add (BbhParams  *params,
                const char *name,
                const char *value)
{
  g_return_if_fail (params != NULL);
  g_return_if_fail (name != NULL);

  if (value == NULL)
    return;
  g_ptr_array_add (params->names, g_strdup (name));
  g_ptr_array_add (params->values, g_strdup (value));
}

void
bbh_params_add_int (BbhParams  *params,
                    const char *name,
                    gint64      value)
{
  char buf[32];

  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, value);
  bbh_params_add (params, name, buf);
}

void
bbh_params_add_opt_int (BbhParams  *params,
                        const char *name,
                        gint64      value)
{
  if (value >= 0)
    bbh_params_add_int (params, name, value);
}

void
bbh_params_add_bool (BbhParams  *params,
                     const char *name,
                     gboolean    value)
{
  bbh_params_add (params, name, value ? "true" : "false");
}

guint
bbh_params_get_length (BbhParams *params)
{
  return params->names->len;
}

const char *
bbh_params_get_name (BbhParams *params,
                     guint      position)
{
  g_return_val_if_fail (position < params->names->len, NULL);
  return g_ptr_array_index (params->names, position);
}

const char *
bbh_params_get_value (BbhParams *params,
                      guint      position)
{
  g_return_val_if_fail (position < params->values->len, NULL);
  return g_ptr_array_index (params->values, position);
}

const char *
bbh_params_lookup (BbhParams  *params,
                   const char *name)
{
  for (guint i = 0; i < params->names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (params->names, i), name) == 0)
      return g_ptr_array_index (params->values, i);
  return NULL;
}
