"""The rasa plumbing shared by the project's trainable NLU components (the
topic classifier and the safety net): a fitted model kept in rasa's model
storage, created empty for training and loaded back for parsing."""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path
from typing import Any, Dict, Generic, Optional, Protocol, TypeVar

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.training_data.training_data import TrainingData


class Persistable(Protocol):
    def persist(self, directory: Path) -> None: ...


ModelT = TypeVar("ModelT", bound=Persistable)
ComponentT = TypeVar("ComponentT", bound="StoredModelComponent[Any]")


class StoredModelComponent(GraphComponent, Generic[ModelT]):
    """Subclasses implement `read_model` and call `store` after training."""

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        classifier: Optional[ModelT] = None,
    ) -> None:
        self._config = config
        self._model_storage = model_storage
        self._resource = resource
        self._classifier = classifier

    @classmethod
    @abstractmethod
    def read_model(cls, directory: Path) -> ModelT:
        """The fitted model persisted in `directory`."""

    @classmethod
    def create(
        cls: type[ComponentT],
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ComponentT:
        return cls(config, model_storage, resource)

    @classmethod
    def load(
        cls: type[ComponentT],
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ComponentT:
        with model_storage.read_from(resource) as directory:
            return cls(config, model_storage, resource, cls.read_model(directory))

    def store(self, classifier: ModelT) -> Resource:
        """Keep a freshly trained model and write it to the model storage."""
        self._classifier = classifier
        with self._model_storage.write_to(self._resource) as directory:
            classifier.persist(directory)
        return self._resource

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data
