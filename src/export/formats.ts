// Trainer formats: how one training example becomes a row of each trainer's dataset, which files
// hold the rows (one per split), what config goes beside them, and the one snippet that loads them.
//   trl-sft                conversational language modelling: {"messages": [...]}
//   trl-prompt-completion  conversational prompt-completion: {"prompt": [system, user], "completion": [assistant]}
//   trl-grpo               {"prompt": [...]} plus the columns a reward function reads: ground_truth, entry_point, task, id
//   openai                 chat fine-tuning JSONL: {"messages": [...]} and nothing else
//   axolotl                `chat_template` datasets (messages with role/content), axolotl.yaml beside them
//   llamafactory           sharegpt in its OpenAI form, dataset_info.json beside it
//   verl                   Parquet: data_source, prompt (chat list), ability, reward_model {style, ground_truth}, extra_info
import { z } from 'zod';
import { toYaml } from '../store/yaml.js';
import { answerTurn, promptTurns, type TrainingExample } from './examples.js';

export const FORMAT_NAMES = ['trl-sft', 'trl-prompt-completion', 'trl-grpo', 'openai', 'axolotl', 'llamafactory', 'verl'] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

/** The files an export wrote, by split, as paths relative to its folder. */
export type SplitPaths = Record<string, string>;

export interface ExportFormat {
  name: FormatName;
  ext: 'jsonl' | 'parquet';
  /** verl: the row schema (real nested Parquet types). */
  schema?: z.ZodType;
  row(e: TrainingExample, index: number): Record<string, unknown>;
  /** Config files to write beside the data (name -> text). */
  configFiles?(out: string, files: SplitPaths, name: string): Record<string, string>;
  /** The snippet a user pastes into the trainer to load this export. */
  snippet(out: string, files: SplitPaths, name: string): string;
}

const messagesRow = (e: TrainingExample) => ({ messages: e.messages });
const abs = (out: string, rel: string) => `${out.replace(/\/$/, '')}/${rel}`;
const trainOf = (files: SplitPaths) => files.train ?? Object.values(files)[0];
const evalOf = (files: SplitPaths) => files.test ?? files.validation;

function hfLoad(out: string, files: SplitPaths): string {
  const parts = Object.entries(files).map(([split, f]) => `"${split}": "${abs(out, f)}"`).join(', ');
  return `from datasets import load_dataset\ndata = load_dataset("json", data_files={${parts}})`;
}

function trlSnippet(out: string, files: SplitPaths, config: string): string {
  return `${hfLoad(out, files)}\nfrom trl import SFTConfig, SFTTrainer\ntrainer = SFTTrainer(model="Qwen/Qwen2.5-Coder-1.5B-Instruct", train_dataset=data["train"],${evalOf(files) ? ' eval_dataset=data["test"],' : ''}\n                     args=SFTConfig(output_dir="sft-out"${config}))\ntrainer.train()`;
}

const VerlRow = z.object({
  data_source: z.string(),
  prompt: z.array(z.object({ role: z.string(), content: z.string() })),
  ability: z.string(),
  reward_model: z.object({ style: z.string(), ground_truth: z.string() }),
  extra_info: z.object({ split: z.string(), index: z.number().int(), id: z.string(), task: z.string(), entry_point: z.string().nullable() }),
});

export const FORMATS: Record<FormatName, ExportFormat> = {
  'trl-sft': {
    name: 'trl-sft', ext: 'jsonl', row: messagesRow,
    snippet: (out, files) => trlSnippet(out, files, ''),
  },
  'trl-prompt-completion': {
    name: 'trl-prompt-completion', ext: 'jsonl',
    row: (e) => ({ prompt: promptTurns(e), completion: [answerTurn(e)] }),
    // Prompt-completion data is trained on the completion only (TRL's default for this type).
    snippet: (out, files) => trlSnippet(out, files, ', completion_only_loss=True'),
  },
  'trl-grpo': {
    name: 'trl-grpo', ext: 'jsonl',
    row: (e) => ({ prompt: promptTurns(e), ground_truth: e.groundTruth, entry_point: e.entryPoint, task: e.task, id: e.id }),
    snippet: (out, files) => `${hfLoad(out, files)}\nfrom trl import GRPOConfig, GRPOTrainer\n\n`
      + '# TRL hands every other column to the reward function by name; ground_truth is JSON text.\n'
      + 'def reward(completions, ground_truth, task, entry_point, **kwargs):\n'
      + '    return [verify(c[0]["content"], t, json.loads(g), e) for c, g, t, e in zip(completions, ground_truth, task, entry_point)]\n\n'
      + 'trainer = GRPOTrainer(model="Qwen/Qwen2.5-Coder-1.5B-Instruct", reward_funcs=reward, train_dataset=data["train"],\n'
      + '                      args=GRPOConfig(output_dir="grpo-out"))\ntrainer.train()',
  },
  'openai': {
    name: 'openai', ext: 'jsonl', row: messagesRow,
    snippet: (out, files) => `from openai import OpenAI\nclient = OpenAI()\ntrain = client.files.create(file=open("${abs(out, trainOf(files))}", "rb"), purpose="fine-tune")\n`
      + (evalOf(files) ? `test = client.files.create(file=open("${abs(out, evalOf(files)!)}", "rb"), purpose="fine-tune")\n` : '')
      + `client.fine_tuning.jobs.create(model="gpt-4o-mini-2024-07-18", training_file=train.id${evalOf(files) ? ', validation_file=test.id' : ''})`,
  },
  'axolotl': {
    name: 'axolotl', ext: 'jsonl', row: messagesRow,
    configFiles: (out, files) => ({ 'axolotl.yaml': axolotlYaml(out, files) }),
    snippet: (out, files) => axolotlYaml(out, files),
  },
  'llamafactory': {
    name: 'llamafactory', ext: 'jsonl', row: messagesRow,
    configFiles: (_out, files, name) => ({ 'dataset_info.json': JSON.stringify(llamaFactoryInfo(files, name), null, 2) + '\n' }),
    snippet: (out, files, name) => `# in the training YAML (dataset_info.json is in ${out}):\ndataset_dir: ${out}\ndataset: ${name}_${Object.keys(files).includes('train') ? 'train' : Object.keys(files)[0]}\n`
      + (evalOf(files) ? `eval_dataset: ${name}_${files.test ? 'test' : 'validation'}\n` : '') + 'template: qwen\nstage: sft\ndo_train: true',
  },
  'verl': {
    name: 'verl', ext: 'parquet', schema: VerlRow,
    row: (e, index) => ({
      data_source: `caseforge/${e.task}`, prompt: promptTurns(e), ability: 'code',
      reward_model: { style: 'rule', ground_truth: e.groundTruth },
      extra_info: { split: e.split, index, id: e.id, task: e.task, entry_point: e.entryPoint },
    }),
    snippet: (out, files) => `python3 -m verl.trainer.main_ppo \\\n  data.train_files=${abs(out, trainOf(files))} \\\n`
      + (evalOf(files) ? `  data.val_files=${abs(out, evalOf(files)!)} \\\n` : '')
      + '  data.prompt_key=prompt \\\n  custom_reward_function.path=caseforge_reward.py custom_reward_function.name=compute_score \\\n  ...',
  },
};

function axolotlYaml(out: string, files: SplitPaths): string {
  const entry = (path: string) => ({
    path, ds_type: 'json', type: 'chat_template', field_messages: 'messages',
    message_property_mappings: { role: 'role', content: 'content' }, roles_to_train: ['assistant'],
  });
  const test = evalOf(files);
  return toYaml({
    datasets: [entry(abs(out, trainOf(files)))],
    ...(test ? { test_datasets: [{ ...entry(abs(out, test)), split: 'train' }] } : {}),
  });
}

function llamaFactoryInfo(files: SplitPaths, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(files).map(([split, file]) => [`${name}_${split}`, {
    file_name: file, formatting: 'sharegpt', columns: { messages: 'messages' },
    tags: { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant', system_tag: 'system' },
  }]));
}
